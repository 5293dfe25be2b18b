"""Article pages built for the tests: each test states only the parts it is about."""

from __future__ import annotations

import json

LEAD = ("서울시가 내년부터 모든 시내버스에 저상버스를 도입한다고 18일 밝혔다. 시는 이를 위해 "
        "올해 하반기까지 관련 예산을 확보하고 운수회사와 협의를 마칠 계획이다.")
SECOND = ("시 관계자는 \"교통약자의 이동권을 보장하기 위한 조치\"라며 \"단계적으로 차량을 교체해 "
          "2027년까지 전 노선 도입을 마치겠다\"고 말했다.")


def json_ld(obj) -> str:
    return f'<script type="application/ld+json">{json.dumps(obj, ensure_ascii=False)}</script>'


def article_page(*, head: str = "", before: str = "", body: str | None = None, after: str = "",
                 title: str = "서울시, 내년부터 모든 시내버스에 저상버스 도입",
                 charset: str = "utf-8") -> str:
    """A page with a navigation bar, a headline, the body container and a footer."""
    body = body if body is not None else f"<p>{LEAD}</p><p>{SECOND}</p>"
    return f"""<!DOCTYPE html>
<html lang="ko"><head><meta charset="{charset}"><title>{title} - 테스트일보</title>{head}</head>
<body>
<nav class="gnb"><ul><li><a href="/politics">정치</a></li><li><a href="/economy">경제</a></li>
<li><a href="/society">사회</a></li></ul></nav>
<div class="article_head">{before}<h1 class="article_title">{title}</h1></div>
<div id="article_body" class="article_body">{body}</div>
{after}
<footer class="footer">Copyright ⓒ 테스트일보. All rights reserved. 무단 전재 및 재배포 금지</footer>
</body></html>"""

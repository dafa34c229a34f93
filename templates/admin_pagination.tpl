{{%AUTOESCAPE context="HTML"}}<nav class="pages" aria-label="ページ送り">
{{#HAS_PREVIOUS}}<a href="{{FIRST_URL}}" rel="first">« 最初</a>
<a href="{{PREVIOUS_URL}}" rel="prev">‹ 前へ</a>
{{/HAS_PREVIOUS}}<span class="hint">{{ORDER_LABEL}}</span>
{{#HAS_NEXT}}<a href="{{NEXT_URL}}" rel="next">次へ ›</a>
<a href="{{LAST_URL}}" rel="last">最後 »</a>
{{/HAS_NEXT}}</nav>

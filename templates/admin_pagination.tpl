{{%AUTOESCAPE context="HTML"}}<nav class="pages" aria-label="{{pagination_label}}">
{{#HAS_PREVIOUS}}<a href="{{FIRST_URL}}" rel="first">{{page_first}}</a>
<a href="{{PREVIOUS_URL}}" rel="prev">{{page_previous}}</a>
{{/HAS_PREVIOUS}}<span class="hint">{{ORDER_LABEL}}</span>
{{#HAS_NEXT}}<a href="{{NEXT_URL}}" rel="next">{{page_next}}</a>
<a href="{{LAST_URL}}" rel="last">{{page_last}}</a>
{{/HAS_NEXT}}</nav>

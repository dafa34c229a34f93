{{%AUTOESCAPE context="HTML"}}<h1>受付一覧</h1>
<form method="get" action="/cgi-bin/passwd-admin/queue" class="box queue-filter">
<div class="field">
<label for="status">状態</label>
<select id="status" name="status">
{{#STATUS_OPTION}}<option value="{{VALUE}}"{{#SELECTED}} selected{{/SELECTED}}>{{LABEL}}</option>
{{/STATUS_OPTION}}</select>
</div>
<div class="field">
<label for="q">検索（受付番号・UMIN ID・氏名・よみがな）</label>
<input type="text" id="q" name="q" value="{{QUERY}}" maxlength="100">
</div>
{{>LIST_ORDER}}
<p><button type="submit">表示</button></p>
</form>

<p class="count">{{COUNT}}件{{#COUNT_CAPPED}}以上{{/COUNT_CAPPED}}　優先の申請が先頭です。</p>
{{#NONE}}<p>該当する申請はありません。</p>{{/NONE}}
{{#HAS_ROWS}}<div class="table-scroll" tabindex="0"><table class="queue">
<thead><tr><th>受付番号</th><th>優先</th><th>状態</th><th>受付日時</th><th>氏名</th><th>UMIN ID</th><th>理由</th><th>担当</th></tr></thead>
<tbody>
{{#ROW}}<tr class="status-{{STATUS}}">
<td><a href="/cgi-bin/passwd-admin/request?id={{ID}}">{{RECEIPT}}</a></td>
<td>{{#PRIORITY}}優先{{/PRIORITY}}</td>
<td>{{STATUS_LABEL}}</td>
<td>{{CREATED_AT}}</td>
<td>{{FAMILY_NAME}} {{GIVEN_NAME}}（{{FAMILY_READING}} {{GIVEN_READING}}）</td>
<td>{{#ACCOUNT_LINK}}<a href="/cgi-bin/passwd-admin/account?id={{ACCOUNT_ID}}">{{TEXT}}</a>{{/ACCOUNT_LINK}}{{#NO_ACCOUNT_LINK}}{{UMIN_ID}}{{/NO_ACCOUNT_LINK}}</td>
<td>{{REASON}}</td>
<td>{{OPERATOR}}</td>
</tr>
{{/ROW}}</tbody>
</table></div>{{/HAS_ROWS}}
{{>PAGINATION}}

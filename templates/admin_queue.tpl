{{%AUTOESCAPE context="HTML"}}<h1>{{queue_title}}</h1>
<form method="get" action="/cgi-bin/passwd-admin/queue" class="box queue-filter">
<div class="field">
<label for="status">{{col_state}}</label>
<select id="status" name="status">
{{#STATUS_OPTION}}<option value="{{VALUE}}"{{#SELECTED}} selected{{/SELECTED}}>{{LABEL}}</option>
{{/STATUS_OPTION}}</select>
</div>
<div class="field">
<label for="q">{{field_queue_search}}</label>
<input type="text" id="q" name="q" value="{{QUERY}}" maxlength="100">
</div>
{{>LIST_ORDER}}
<p><button type="submit">{{button_show}}</button></p>
</form>

<p class="count">{{COUNT}}{{count_unit}}{{#COUNT_CAPPED}}{{count_capped}}{{/COUNT_CAPPED}}　{{queue_priority_first}}</p>
{{#NONE}}<p>{{queue_none}}</p>{{/NONE}}
{{#HAS_ROWS}}<div class="table-scroll" tabindex="0"><table class="queue">
<thead><tr><th>{{col_receipt}}</th><th>{{col_priority}}</th><th>{{col_state}}</th><th>{{col_received_at}}</th><th>{{col_name}}</th><th>UMIN ID</th><th>{{col_reason}}</th><th>{{col_assignee}}</th></tr></thead>
<tbody>
{{#ROW}}<tr class="status-{{STATUS}}">
<td><a href="/cgi-bin/passwd-admin/request?id={{ID}}">{{RECEIPT}}</a></td>
<td>{{#PRIORITY}}{{col_priority}}{{/PRIORITY}}</td>
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

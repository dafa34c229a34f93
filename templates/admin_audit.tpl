{{%AUTOESCAPE context="HTML"}}<h1>{{audit_title}}</h1>
<form method="get" action="/cgi-bin/passwd-admin/audit" class="box audit-filter">
<div class="field">
<label for="event">{{col_content}}</label>
<select id="event" name="event">
<option value="">{{filter_all}}</option>
{{#EVENT_OPTION}}<option value="{{VALUE}}"{{#SELECTED}} selected{{/SELECTED}}>{{LABEL}} ({{VALUE}})</option>
{{/EVENT_OPTION}}</select>
</div>
<div class="field">
<label for="umin_id">UMIN ID</label>
<input type="text" id="umin_id" name="umin_id" value="{{UMIN_ID}}" maxlength="100" autocapitalize="none" spellcheck="false">
</div>
<div class="field">
<label for="operator">{{col_operator}}</label>
<select id="operator" name="operator">
<option value="">{{filter_all}}</option>
{{#OPERATOR_OPTION}}<option value="{{VALUE}}"{{#SELECTED}} selected{{/SELECTED}}>{{LABEL}} ({{VALUE}})</option>
{{/OPERATOR_OPTION}}</select>
</div>
<div class="field">
<label for="from">{{field_period}}</label>
<input type="text" id="from" name="from" value="{{FROM}}" maxlength="20" placeholder="{{field_from}}"> ～
<input type="text" id="to" name="to" value="{{TO}}" maxlength="20" placeholder="{{field_to}}">
</div>
<div class="field">
<label for="request">{{field_request_number}}</label>
<input type="text" id="request" name="request" value="{{REQUEST}}" maxlength="20" inputmode="numeric">
</div>
{{>LIST_ORDER}}
{{#FILTER_ERROR}}<p class="error">{{TEXT}}</p>{{/FILTER_ERROR}}
<p><button type="submit">{{button_show}}</button></p>
</form>

<p class="count">{{COUNT}}{{count_unit}}{{#COUNT_CAPPED}}{{count_capped}}{{/COUNT_CAPPED}}</p>
{{#NONE}}<p>{{audit_none}}</p>{{/NONE}}
{{#HAS_ROWS}}<div class="table-scroll" tabindex="0"><table class="events audit">
<thead><tr><th>{{col_at}}</th><th>{{col_content}}</th><th>UMIN ID</th><th>{{col_operator}}</th><th>{{request_word}}</th><th>{{col_client_address}}</th><th>{{col_detail}}</th></tr></thead>
<tbody>
{{#ROW}}<tr>
<td>{{AT}}</td>
<td>{{LABEL}}<br><span class="hint">{{EVENT}}</span></td>
<td>{{#ACCOUNT}}<a href="/cgi-bin/passwd-admin/account?id={{UMIN_ID}}">{{UMIN_ID}}</a>{{/ACCOUNT}}</td>
<td>{{OPERATOR}}</td>
<td>{{#REF}}<a href="/cgi-bin/passwd-admin/request?id={{REQUEST_REF}}">{{REQUEST_REF}}</a>{{/REF}}</td>
<td>{{ADDRESS}}</td>
<td>{{DETAIL}}</td>
</tr>
{{/ROW}}</tbody>
</table></div>{{/HAS_ROWS}}
{{>PAGINATION}}

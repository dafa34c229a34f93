{{%AUTOESCAPE context="HTML"}}<h1>監査ログ</h1>
<form method="get" action="/cgi-bin/passwd-admin/audit" class="box audit-filter">
<div class="field">
<label for="event">内容</label>
<select id="event" name="event">
<option value="">すべて</option>
{{#EVENT_OPTION}}<option value="{{VALUE}}"{{#SELECTED}} selected{{/SELECTED}}>{{LABEL}} ({{VALUE}})</option>
{{/EVENT_OPTION}}</select>
</div>
<div class="field">
<label for="umin_id">UMIN ID</label>
<input type="text" id="umin_id" name="umin_id" value="{{UMIN_ID}}" maxlength="100" autocapitalize="none" spellcheck="false">
</div>
<div class="field">
<label for="operator">オペレータ</label>
<select id="operator" name="operator">
<option value="">すべて</option>
{{#OPERATOR_OPTION}}<option value="{{VALUE}}"{{#SELECTED}} selected{{/SELECTED}}>{{LABEL}} ({{VALUE}})</option>
{{/OPERATOR_OPTION}}</select>
</div>
<div class="field">
<label for="from">期間（日本時間、yyyy/mm/dd）</label>
<input type="text" id="from" name="from" value="{{FROM}}" maxlength="20" placeholder="開始日"> ～
<input type="text" id="to" name="to" value="{{TO}}" maxlength="20" placeholder="終了日">
</div>
<div class="field">
<label for="request">申請（番号）</label>
<input type="text" id="request" name="request" value="{{REQUEST}}" maxlength="20" inputmode="numeric">
</div>
{{>LIST_ORDER}}
{{#FILTER_ERROR}}<p class="error">{{TEXT}}</p>{{/FILTER_ERROR}}
<p><button type="submit">表示</button></p>
</form>

<p class="count">{{COUNT}}件{{#COUNT_CAPPED}}以上{{/COUNT_CAPPED}}</p>
{{#NONE}}<p>該当する記録はありません。</p>{{/NONE}}
{{#HAS_ROWS}}<div class="table-scroll" tabindex="0"><table class="events audit">
<thead><tr><th>日時</th><th>内容</th><th>UMIN ID</th><th>オペレータ</th><th>申請</th><th>接続元</th><th>詳細</th></tr></thead>
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

{{%AUTOESCAPE context="HTML"}}<h1>登録メールアドレスの変更</h1>
<p>UMIN IDに登録されているメールアドレス（アクセスコードの送信先）の変更は、提案したオペレータとは別のオペレータが承認したときに反映されます。</p>
{{#FLASH}}<p class="notice" id="flash">{{TEXT}}</p>{{/FLASH}}
{{#FORM_ERROR}}<p class="error" id="form_error">{{TEXT}}</p>{{/FORM_ERROR}}

<section class="box">
<h2>承認待ちの提案</h2>
{{#NO_PENDING}}<p>承認待ちの提案はありません。</p>{{/NO_PENDING}}
{{#HAS_PENDING}}<div class="table-scroll" tabindex="0"><table class="events">
<thead><tr><th>提案日時</th><th>UMIN ID</th><th>現在のアドレス</th><th>新しいアドレス</th><th>理由</th><th>提案者</th><th>操作</th></tr></thead>
<tbody>
{{#PENDING}}<tr id="proposal-{{ID}}">
<td>{{AT}}</td><td>{{UMIN_ID}}</td><td>{{OLD_MAIL}}</td><td>{{NEW_MAIL}}</td>
<td>{{REASON}}{{#REQUEST}}<br><a href="/cgi-bin/passwd-admin/request?id={{REQUEST_ID}}">申請 {{REQUEST_ID}}</a>{{/REQUEST}}</td>
<td>{{PROPOSER}}</td>
<td>{{#CAN_APPROVE}}<form method="post" action="/cgi-bin/passwd-admin/address_change" class="inline">
<input type="hidden" name="csrf_token" value="{{CSRF_TOKEN}}">
<input type="hidden" name="action" value="approve">
<input type="hidden" name="id" value="{{ID}}">
<button type="submit">承認して変更する</button>
</form>{{/CAN_APPROVE}}{{#OWN}}<p class="hint">ご自身の提案です。他のオペレータの承認が必要です。</p>{{/OWN}}
<form method="post" action="/cgi-bin/passwd-admin/address_change" class="inline">
<input type="hidden" name="csrf_token" value="{{CSRF_TOKEN}}">
<input type="hidden" name="action" value="reject">
<input type="hidden" name="id" value="{{ID}}">
<button type="submit">{{#OWN}}取り下げる{{/OWN}}{{#CAN_APPROVE}}却下する{{/CAN_APPROVE}}</button>
</form></td>
</tr>
{{/PENDING}}</tbody>
</table></div>{{/HAS_PENDING}}
</section>

<section class="box">
<h2>変更を提案する</h2>
{{#ACCOUNT}}<div class="table-scroll" tabindex="0"><table class="details">
<tr><th>UMIN ID</th><td>{{UMIN_ID}}</td></tr>
<tr><th>氏名</th><td>{{FAMILY_NAME}} {{GIVEN_NAME}}（{{FAMILY_READING}} {{GIVEN_READING}}）</td></tr>
<tr><th>現在の登録メールアドレス</th><td>{{CURRENT_MAIL}}</td></tr>
</table></div>{{/ACCOUNT}}
<form method="post" action="/cgi-bin/passwd-admin/address_change">
<input type="hidden" name="csrf_token" value="{{CSRF_TOKEN}}">
<input type="hidden" name="action" value="propose">
<input type="hidden" name="request_id" value="{{REQUEST_ID}}">
<div class="field">
<label for="umin_id">UMIN ID</label>
<input type="text" id="umin_id" name="umin_id" value="{{FORM_UMIN_ID}}" maxlength="100" autocapitalize="none" spellcheck="false">
</div>
<div class="field">
<label for="new_mail">新しい登録メールアドレス</label>
<input type="email" id="new_mail" name="new_mail" value="{{FORM_NEW_MAIL}}" maxlength="254" autocapitalize="none" spellcheck="false">
</div>
<div class="field">
<label for="reason">理由（本人確認の方法など）</label>
<textarea id="reason" name="reason" rows="3" maxlength="500">{{FORM_REASON}}</textarea>
</div>
<p><button type="submit">変更を提案する</button></p>
</form>
</section>

<section class="box">
<h2>最近の決定</h2>
{{#NO_DECIDED}}<p>記録はありません。</p>{{/NO_DECIDED}}
{{#HAS_DECIDED}}<div class="table-scroll" tabindex="0"><table class="events">
<thead><tr><th>決定日時</th><th>UMIN ID</th><th>新しいアドレス</th><th>結果</th><th>提案者</th><th>決定者</th></tr></thead>
<tbody>
{{#DECIDED}}<tr><td>{{AT}}</td><td>{{UMIN_ID}}</td><td>{{NEW_MAIL}}</td><td>{{RESULT}}</td><td>{{PROPOSER}}</td><td>{{DECIDER}}</td></tr>
{{/DECIDED}}</tbody>
</table></div>{{/HAS_DECIDED}}
</section>

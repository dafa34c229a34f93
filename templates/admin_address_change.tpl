{{%AUTOESCAPE context="HTML"}}<h1>{{address_change_title}}</h1>
<p>{{address_change_intro}}</p>
{{#FLASH}}<p class="notice" id="flash">{{TEXT}}</p>{{/FLASH}}
{{#FORM_ERROR}}<p class="error" id="form_error">{{TEXT}}</p>{{/FORM_ERROR}}

<section class="box">
<h2>{{address_change_pending_heading}}</h2>
{{#NO_PENDING}}<p>{{address_change_no_pending}}</p>{{/NO_PENDING}}
{{#HAS_PENDING}}<div class="table-scroll" tabindex="0"><table class="events">
<thead><tr><th>{{col_proposed_at}}</th><th>UMIN ID</th><th>{{col_current_address}}</th><th>{{col_new_address}}</th><th>{{col_reason}}</th><th>{{col_proposer}}</th><th>{{col_actions}}</th></tr></thead>
<tbody>
{{#PENDING}}<tr id="proposal-{{ID}}">
<td>{{AT}}</td><td>{{UMIN_ID}}</td><td>{{OLD_MAIL}}</td><td>{{NEW_MAIL}}</td>
<td>{{REASON}}{{#REQUEST}}<br><a href="/cgi-bin/passwd-admin/request?id={{REQUEST_ID}}">{{request_word}} {{REQUEST_ID}}</a>{{/REQUEST}}</td>
<td>{{PROPOSER}}</td>
<td>{{#CAN_APPROVE}}<form method="post" action="/cgi-bin/passwd-admin/address_change" class="inline">
<input type="hidden" name="csrf_token" value="{{CSRF_TOKEN}}">
<input type="hidden" name="action" value="approve">
<input type="hidden" name="id" value="{{ID}}">
<button type="submit">{{button_approve}}</button>
</form>{{/CAN_APPROVE}}{{#OWN}}<p class="hint">{{address_change_own_proposal}}</p>{{/OWN}}
<form method="post" action="/cgi-bin/passwd-admin/address_change" class="inline">
<input type="hidden" name="csrf_token" value="{{CSRF_TOKEN}}">
<input type="hidden" name="action" value="reject">
<input type="hidden" name="id" value="{{ID}}">
<button type="submit">{{#OWN}}{{button_withdraw}}{{/OWN}}{{#CAN_APPROVE}}{{button_reject_proposal}}{{/CAN_APPROVE}}</button>
</form></td>
</tr>
{{/PENDING}}</tbody>
</table></div>{{/HAS_PENDING}}
</section>

<section class="box">
<h2>{{address_change_propose}}</h2>
{{#ACCOUNT}}<div class="table-scroll" tabindex="0"><table class="details">
<tr><th>UMIN ID</th><td>{{UMIN_ID}}</td></tr>
<tr><th>{{col_name}}</th><td>{{FAMILY_NAME}} {{GIVEN_NAME}}（{{FAMILY_READING}} {{GIVEN_READING}}）</td></tr>
<tr><th>{{field_current_mail}}</th><td>{{CURRENT_MAIL}}</td></tr>
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
<label for="new_mail">{{field_new_mail}}</label>
<input type="email" id="new_mail" name="new_mail" value="{{FORM_NEW_MAIL}}" maxlength="254" autocapitalize="none" spellcheck="false">
</div>
<div class="field">
<label for="reason">{{field_change_reason}}</label>
<textarea id="reason" name="reason" rows="3" maxlength="500">{{FORM_REASON}}</textarea>
</div>
<p><button type="submit">{{address_change_propose}}</button></p>
</form>
</section>

<section class="box">
<h2>{{address_change_decided_heading}}</h2>
{{#NO_DECIDED}}<p>{{no_record}}</p>{{/NO_DECIDED}}
{{#HAS_DECIDED}}<div class="table-scroll" tabindex="0"><table class="events">
<thead><tr><th>{{col_decided_at}}</th><th>UMIN ID</th><th>{{col_new_address}}</th><th>{{col_result}}</th><th>{{col_proposer}}</th><th>{{col_decider}}</th></tr></thead>
<tbody>
{{#DECIDED}}<tr><td>{{AT}}</td><td>{{UMIN_ID}}</td><td>{{NEW_MAIL}}</td><td>{{RESULT}}</td><td>{{PROPOSER}}</td><td>{{DECIDER}}</td></tr>
{{/DECIDED}}</tbody>
</table></div>{{/HAS_DECIDED}}
</section>

{{%AUTOESCAPE context="HTML"}}<h1>{{request_word}} {{RECEIPT}}</h1>
{{#ACTION_ERROR}}<p class="error" id="action_error">{{TEXT}}</p>{{/ACTION_ERROR}}
{{#FLASH}}<p class="notice" id="flash">{{TEXT}}</p>{{/FLASH}}
<p><a href="/cgi-bin/passwd-admin/queue">{{back_to_queue}}</a></p>

<div class="table-scroll" tabindex="0"><table class="details">
<tr><th>{{col_receipt}}</th><td id="receipt">{{RECEIPT}}</td></tr>
<tr><th>{{col_state}}</th><td id="status">{{STATUS_LABEL}}{{#PRIORITY}}{{request_priority}}{{/PRIORITY}}</td></tr>
<tr><th>{{col_assignee}}</th><td id="operator">{{OPERATOR}}</td></tr>
<tr><th>{{col_received_at}}</th><td>{{CREATED_AT}}</td></tr>
<tr><th>{{col_updated_at}}</th><td>{{UPDATED_AT}}</td></tr>
<tr><th>{{col_reason}}</th><td>{{REASON}}</td></tr>
<tr><th>{{col_named_umin_id}}</th><td>{{#NAMED_ID}}<a href="/cgi-bin/passwd-admin/account?id={{ID}}">{{ID}}</a>{{/NAMED_ID}}{{#NO_NAMED_ID}}{{not_filled_in}}{{/NO_NAMED_ID}}</td></tr>
<tr><th>{{col_name}}</th><td>{{FAMILY_NAME}} {{GIVEN_NAME}}</td></tr>
<tr><th>{{col_reading}}</th><td>{{FAMILY_READING}} {{GIVEN_READING}}</td></tr>
<tr><th>{{col_birth_date}}</th><td>{{BIRTH_DATE}}</td></tr>
<tr><th>{{col_affiliation}}</th><td>{{AFFILIATION}}</td></tr>
<tr><th>{{col_contact_mail}}</th><td>{{CONTACT_MAIL}}</td></tr>
<tr><th>{{col_content}}</th><td>{{#MESSAGE_LINE}}{{LINE}}<br>{{/MESSAGE_LINE}}</td></tr>
</table></div>

<section class="box">
<h2>{{request_accounts_heading}}</h2>
<p class="hint">{{request_accounts_hint}}</p>
{{#NO_ACCOUNT}}<p>{{request_no_account}}</p>{{/NO_ACCOUNT}}
{{#ACCOUNT}}<div class="account box" id="account-{{UMIN_ID}}">
<h3><a href="/cgi-bin/passwd-admin/account?id={{UMIN_ID}}">{{UMIN_ID}}</a></h3>
<p>{{#IDENTITY_MATCH}}<strong>{{request_identity_match}}</strong>{{/IDENTITY_MATCH}}{{#NO_IDENTITY_MATCH}}<strong class="error">{{request_identity_mismatch}}</strong>{{request_mismatch_fields}} <span id="mismatch-{{UMIN_ID}}">{{FIELDS}}</span>）{{/NO_IDENTITY_MATCH}}{{#NAMED}}　{{request_named_id}}{{/NAMED}}{{#REVIEW}}　<strong>{{request_category}} {{CATEGORY}}{{category_needs_review}}</strong>{{/REVIEW}}</p>
<div class="table-scroll" tabindex="0"><table class="details">
<tr><th>{{col_name}}</th><td>{{FAMILY_NAME}} {{GIVEN_NAME}}（{{FAMILY_READING}} {{GIVEN_READING}}）</td></tr>
<tr><th>{{col_gender_birth_date}}</th><td>{{GENDER}}　{{BIRTH_DATE}}</td></tr>
<tr><th>{{col_category}}</th><td>{{CATEGORY}}</td></tr>
<tr><th>{{col_recipients}}</th><td>{{#ADDRESS}}{{VALUE}}<br>{{/ADDRESS}}</td></tr>
</table></div>
{{#CAN_SEND}}<form method="post" action="/cgi-bin/passwd-admin/action" class="inline">
<input type="hidden" name="csrf_token" value="{{CSRF_TOKEN}}">
<input type="hidden" name="id" value="{{REQUEST_ID}}">
<input type="hidden" name="action" value="send_code">
<input type="hidden" name="umin_id" value="{{UMIN_ID}}">
{{#NEEDS_REASON}}<div class="field">
<label for="reason-{{UMIN_ID}}">{{field_send_reason}}</label>
<input type="text" id="reason-{{UMIN_ID}}" name="text" maxlength="200" required>
</div>{{/NEEDS_REASON}}
<button type="submit">{{button_send_link}}</button>
</form>{{/CAN_SEND}}
<p><a href="/cgi-bin/passwd-admin/address_change?umin_id={{UMIN_ID}}&amp;request_id={{REQUEST_ID}}">{{request_propose_address_change}}</a></p>
<h4>{{recent_records}}</h4>
{{#NO_EVENT}}<p>{{no_record}}</p>{{/NO_EVENT}}
{{#HAS_EVENTS}}<div class="table-scroll" tabindex="0"><table class="events">
<thead><tr><th>{{col_at}}</th><th>{{col_content}}</th><th>{{col_operator}}</th><th>{{col_detail}}</th></tr></thead>
<tbody>
{{#EVENT}}<tr><td>{{AT}}</td><td>{{LABEL}}</td><td>{{OPERATOR}}</td><td>{{DETAIL}}</td></tr>
{{/EVENT}}</tbody>
</table></div>{{/HAS_EVENTS}}
</div>
{{/ACCOUNT}}
</section>

{{#LINKS}}<section class="box">
<h2>{{request_links_heading}}</h2>
<div class="table-scroll" tabindex="0"><table class="events">
<thead><tr><th>UMIN ID</th><th>{{col_link_sent_at}}</th><th>{{col_expires_at}}</th><th>{{col_state}}</th></tr></thead>
<tbody>
{{#LINK}}<tr><td><a href="/cgi-bin/passwd-admin/account?id={{UMIN_ID}}">{{UMIN_ID}}</a></td><td>{{CREATED_AT}}</td><td>{{EXPIRES_AT}}</td><td>{{STATE}}</td></tr>
{{/LINK}}</tbody>
</table></div>
</section>{{/LINKS}}

<section class="box">
<h2>{{note_label}}</h2>
{{#NO_NOTE}}<p>{{request_no_note}}</p>{{/NO_NOTE}}
{{#NOTE}}<div class="note">
<p class="hint">{{AT}}　{{OPERATOR}}　{{KIND}}</p>
<p>{{#LINE}}{{TEXT}}<br>{{/LINE}}</p>
</div>
{{/NOTE}}
</section>

{{#OPEN}}<section class="box">
<h2>{{request_actions_heading}}</h2>
{{#CAN_TAKE}}<form method="post" action="/cgi-bin/passwd-admin/action" class="box">
<input type="hidden" name="csrf_token" value="{{CSRF_TOKEN}}">
<input type="hidden" name="id" value="{{REQUEST_ID}}">
<input type="hidden" name="action" value="take">
<p><button type="submit">{{button_take}}</button></p>
</form>{{/CAN_TAKE}}
<form method="post" action="/cgi-bin/passwd-admin/action" class="box">
<input type="hidden" name="csrf_token" value="{{CSRF_TOKEN}}">
<input type="hidden" name="id" value="{{REQUEST_ID}}">
<input type="hidden" name="action" value="note">
<div class="field">
<label for="note_text">{{note_label}}</label>
<textarea id="note_text" name="text" rows="3" maxlength="2000"></textarea>
</div>
<p><button type="submit">{{button_add_note}}</button></p>
</form>
<form method="post" action="/cgi-bin/passwd-admin/action" class="box">
<input type="hidden" name="csrf_token" value="{{CSRF_TOKEN}}">
<input type="hidden" name="id" value="{{REQUEST_ID}}">
<input type="hidden" name="action" value="reject">
<div class="field">
<label for="reject_text">{{field_reject_reason}}</label>
<textarea id="reject_text" name="text" rows="4" maxlength="1000" required></textarea>
</div>
<p><button type="submit">{{button_reject}}</button></p>
</form>
<form method="post" action="/cgi-bin/passwd-admin/action" class="box">
<input type="hidden" name="csrf_token" value="{{CSRF_TOKEN}}">
<input type="hidden" name="id" value="{{REQUEST_ID}}">
<input type="hidden" name="action" value="close">
<div class="field">
<label for="close_text">{{field_closing_note}}</label>
<textarea id="close_text" name="text" rows="2" maxlength="2000"></textarea>
</div>
<p><button type="submit">{{button_close}}</button></p>
</form>
</section>{{/OPEN}}
{{#CLOSED}}<p class="notice">{{request_closed}}</p>{{/CLOSED}}

<section class="box">
<h2>{{request_history_heading}}</h2>
{{#NO_HISTORY}}<p>{{no_record}}</p>{{/NO_HISTORY}}
{{#HAS_HISTORY}}<div class="table-scroll" tabindex="0"><table class="events">
<thead><tr><th>{{col_at}}</th><th>{{col_content}}</th><th>UMIN ID</th><th>{{col_operator}}</th><th>{{col_detail}}</th></tr></thead>
<tbody>
{{#HISTORY}}<tr><td>{{AT}}</td><td>{{LABEL}}</td><td>{{#HISTORY_ACCOUNT}}<a href="/cgi-bin/passwd-admin/account?id={{UMIN_ID}}">{{UMIN_ID}}</a>{{/HISTORY_ACCOUNT}}</td><td>{{OPERATOR}}</td><td>{{DETAIL}}</td></tr>
{{/HISTORY}}</tbody>
</table></div>{{/HAS_HISTORY}}
</section>

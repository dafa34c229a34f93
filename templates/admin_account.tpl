{{%AUTOESCAPE context="HTML"}}<h1>UMIN ID {{UMIN_ID}}</h1>
<p><a href="/cgi-bin/passwd-admin/queue">{{back_to_queue}}</a></p>

<div class="table-scroll" tabindex="0"><table class="details" id="account">
<tr><th>UMIN ID</th><td id="umin_id">{{UMIN_ID}}</td></tr>
<tr><th>{{col_name}}</th><td>{{FAMILY_NAME}} {{GIVEN_NAME}}（{{FAMILY_READING}} {{GIVEN_READING}}）</td></tr>
<tr><th>{{col_category}}</th><td>{{CATEGORY}}{{#REVIEW}}{{category_needs_review}}{{/REVIEW}}</td></tr>
<tr><th>{{col_recipients}}</th><td>{{#ADDRESS}}{{VALUE}}<br>{{/ADDRESS}}</td></tr>
</table></div>

<section class="box" id="changes">
<h2>{{account_changes_heading}}</h2>
<p class="hint">{{account_changes_hint_before}}{{CHANGE_LIMIT}}{{account_changes_hint_after}}</p>
{{#NO_CHANGE}}<p>{{account_no_change}}</p>{{/NO_CHANGE}}
{{#CHANGE}}<div class="change" id="change-{{CHANGE_ID}}">
<h3>{{CHANGED_AT}} {{account_change_suffix}}</h3>
{{#NO_DELIVERY}}<p>{{account_no_delivery}}</p>{{/NO_DELIVERY}}
{{#HAS_DELIVERIES}}<div class="table-scroll" tabindex="0"><table class="events deliveries">
<thead><tr><th>{{col_target}}</th><th>{{col_state}}</th><th>{{col_at}}</th><th>{{col_attempts}}</th><th>{{col_last_error}}</th><th></th></tr></thead>
<tbody>
{{#DELIVERY}}<tr id="delivery-{{ID}}" class="delivery-{{STATE}}">
<td>{{TARGET}}</td>
<td class="state">{{STATE_LABEL}}</td>
<td>{{WHEN}}</td>
<td>{{ATTEMPTS}}</td>
<td>{{LAST_ERROR}}</td>
<td>{{#CAN_RETRY}}<form method="post" action="/cgi-bin/passwd-admin/delivery_retry" class="inline">
<input type="hidden" name="csrf_token" value="{{CSRF_TOKEN}}">
<input type="hidden" name="id" value="{{ID}}">
<button type="submit">{{button_retry_now}}</button>
</form>{{/CAN_RETRY}}</td>
</tr>
{{/DELIVERY}}</tbody>
</table></div>{{/HAS_DELIVERIES}}
</div>
{{/CHANGE}}
</section>

<section class="box" id="flows">
<h2>{{account_flows_heading}}</h2>
{{#NO_FLOW}}<p>{{account_no_flow}}</p>{{/NO_FLOW}}
{{#HAS_FLOWS}}<div class="table-scroll" tabindex="0"><table class="events">
<thead><tr><th>{{col_started_at}}</th><th>{{col_via}}</th><th>{{col_state}}</th><th>{{col_code_expires_at}}</th><th>{{col_tries}}</th></tr></thead>
<tbody>
{{#FLOW}}<tr class="flow-{{STATE}}"><td>{{CREATED_AT}}</td><td>{{VIA}}</td><td>{{STATE_LABEL}}</td><td>{{EXPIRES_AT}}</td><td>{{TRIES}}</td></tr>
{{/FLOW}}</tbody>
</table></div>{{/HAS_FLOWS}}
</section>

<section class="box" id="requests">
<h2>{{account_requests_heading}}</h2>
{{#NO_REQUEST}}<p>{{account_no_request}}</p>{{/NO_REQUEST}}
{{#HAS_REQUESTS}}<div class="table-scroll" tabindex="0"><table class="events">
<thead><tr><th>{{col_receipt}}</th><th>{{col_state}}</th><th>{{col_received_at}}</th><th>{{col_reason}}</th></tr></thead>
<tbody>
{{#REQUEST}}<tr><td><a href="/cgi-bin/passwd-admin/request?id={{ID}}">{{RECEIPT}}</a></td><td>{{STATUS_LABEL}}</td><td>{{CREATED_AT}}</td><td>{{REASON}}</td></tr>
{{/REQUEST}}</tbody>
</table></div>{{/HAS_REQUESTS}}
</section>

<section class="box" id="mails">
<h2>{{mail_word}}</h2>
<p class="hint">{{account_mails_hint_before}}{{MAIL_LIMIT}}{{account_mails_hint_after}}</p>
{{#NO_MAIL}}<p>{{account_no_mail}}</p>{{/NO_MAIL}}
{{#HAS_MAILS}}<div class="table-scroll" tabindex="0"><table class="events">
<thead><tr><th>{{col_created_at}}</th><th>{{col_kind}}</th><th>{{col_recipient}}</th><th>{{col_state}}</th><th>{{col_attempts}}</th><th>{{col_last_error}}</th><th>{{col_sent_at}}</th></tr></thead>
<tbody>
{{#MAIL}}<tr id="mail-{{ID}}" class="mail-{{STATE}}"><td>{{CREATED_AT}}</td><td>{{KIND}}</td><td>{{RECIPIENT}}</td><td>{{STATE_LABEL}}</td><td>{{ATTEMPTS}}</td><td>{{LAST_ERROR}}</td><td>{{SENT_AT}}</td></tr>
{{/MAIL}}</tbody>
</table></div>{{/HAS_MAILS}}
</section>

<section class="box" id="events">
<h2>{{recent_records}}</h2>
<p><a href="/cgi-bin/passwd-admin/audit?umin_id={{UMIN_ID}}">{{account_audit_link}}</a></p>
{{#NO_EVENT}}<p>{{no_record}}</p>{{/NO_EVENT}}
{{#HAS_EVENTS}}<div class="table-scroll" tabindex="0"><table class="events">
<thead><tr><th>{{col_at}}</th><th>{{col_content}}</th><th>{{col_operator}}</th><th>{{request_word}}</th><th>{{col_detail}}</th></tr></thead>
<tbody>
{{#EVENT}}<tr><td>{{AT}}</td><td>{{LABEL}}</td><td>{{OPERATOR}}</td><td>{{#REF}}<a href="/cgi-bin/passwd-admin/request?id={{REQUEST_REF}}">{{REQUEST_REF}}</a>{{/REF}}</td><td>{{DETAIL}}</td></tr>
{{/EVENT}}</tbody>
</table></div>{{/HAS_EVENTS}}
</section>

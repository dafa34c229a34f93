{{%AUTOESCAPE context="HTML"}}<h1>{{mails_title}}</h1>
{{#FLASH}}<p class="notice" id="flash">{{mail_word}} {{ID}} {{mails_retried_after}}</p>{{/FLASH}}
<p class="hint">{{mails_intro}}</p>
{{#NOT_FIRST}}<p><a href="/cgi-bin/passwd-admin/mails">{{mails_newest_link}}</a></p>{{/NOT_FIRST}}
{{#NONE}}<p>{{mails_none}}</p>{{/NONE}}
{{#HAS_ROWS}}<div class="table-scroll" tabindex="0"><table class="events mails">
<thead><tr><th>{{col_number}}</th><th>{{col_created_at}}</th><th>{{col_kind}}</th><th>{{col_recipient}}</th><th>{{col_attempts}}</th><th>{{col_last_error}}</th><th></th></tr></thead>
<tbody>
{{#ROW}}<tr id="mail-{{ID}}">
<td>{{ID}}</td>
<td>{{CREATED_AT}}</td>
<td>{{KIND}}</td>
<td>{{RECIPIENT}}</td>
<td>{{ATTEMPTS}}</td>
<td>{{LAST_ERROR}}</td>
<td>{{#CAN_RETRY}}<form method="post" action="/cgi-bin/passwd-admin/mail_retry" class="inline">
<input type="hidden" name="csrf_token" value="{{CSRF_TOKEN}}">
<input type="hidden" name="id" value="{{ID}}">
<button type="submit">{{button_retry_now}}</button>
</form>{{/CAN_RETRY}}{{#NO_RETRY}}{{mails_no_retry}}{{/NO_RETRY}}</td>
</tr>
{{/ROW}}</tbody>
</table></div>{{/HAS_ROWS}}
{{#OLDER}}<p><a href="/cgi-bin/passwd-admin/mails?before={{BEFORE}}">{{mails_older_link}}</a></p>{{/OLDER}}

{{%AUTOESCAPE context="HTML"}}<h1>{{deliveries_title}}</h1>
{{#FLASH}}<p class="notice" id="flash">{{TEXT}}</p>{{/FLASH}}
<p>{{deliveries_intro}}</p>
{{#NONE}}<p>{{deliveries_none}}</p>{{/NONE}}
{{#HAS_ROWS}}<div class="table-scroll" tabindex="0"><table class="deliveries">
<thead><tr><th>{{col_number}}</th><th>UMIN ID</th><th>{{col_delivery_target}}</th><th>{{col_attempts}}</th><th>{{col_last_error}}</th><th>{{col_last_try}}</th><th>{{col_next_try}}</th><th>{{col_password_change}}</th><th>{{col_actions}}</th></tr></thead>
<tbody>
{{#ROW}}<tr>
<td>{{ID}}</td>
<td><a href="/cgi-bin/passwd-admin/account?id={{UMIN_ID}}">{{UMIN_ID}}</a></td>
<td>{{TARGET}}</td>
<td>{{ATTEMPTS}}</td>
<td>{{LAST_ERROR}}</td>
<td>{{LAST_TRY_AT}}</td>
<td>{{NEXT_TRY_AT}}</td>
<td>{{CREATED_AT}}</td>
<td><form method="post" action="/cgi-bin/passwd-admin/delivery_retry">
<input type="hidden" name="csrf_token" value="{{CSRF_TOKEN}}">
<input type="hidden" name="id" value="{{ID}}">
<input type="hidden" name="page" value="{{PAGE}}">
<button type="submit">{{button_retry_now}}</button>
</form></td>
</tr>
{{/ROW}}</tbody>
</table></div>{{/HAS_ROWS}}
<p class="pages">{{#PREVIOUS}}<a href="/cgi-bin/passwd-admin/deliveries?page={{NUMBER}}" rel="prev">{{deliveries_previous}}{{PER_PAGE}}{{count_unit}}</a> {{/PREVIOUS}}{{PAGE}}{{deliveries_page_suffix}}{{#NEXT}} <a href="/cgi-bin/passwd-admin/deliveries?page={{NUMBER}}" rel="next">{{deliveries_next}}{{PER_PAGE}}{{count_unit}}</a>{{/NEXT}}</p>

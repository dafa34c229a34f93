{{%AUTOESCAPE context="HTML"}}<h1>{{send_id_title}}</h1>
<p>{{send_id_intro}}</p>

<section class="box">
<h2>{{general_password_heading}}</h2>
<p>{{general_password_text}}</p>
</section>

<form method="post" action="/cgi-open-bin/passwd/send_id" class="box">
<input type="hidden" name="csrf_token" value="{{CSRF_TOKEN}}">
<div class="field">
<label for="umin_id">UMIN ID</label>
<p class="hint" id="umin_id_hint">{{send_id_hint}}</p>
{{#ID_ERROR}}<p class="field-error" id="umin_id_error">{{ERROR}}</p>{{/ID_ERROR}}
<input type="text" id="umin_id" name="umin_id" value="{{UMIN_ID}}" maxlength="100" autocomplete="username" autocapitalize="none" spellcheck="false" aria-describedby="umin_id_hint{{#ID_ERROR}} umin_id_error{{/ID_ERROR}}"{{#ID_ERROR}} aria-invalid="true"{{/ID_ERROR}}>
</div>
<p><button type="submit">{{button_send_code}}</button></p>
<p class="hint">{{send_id_after_send}}</p>
</form>

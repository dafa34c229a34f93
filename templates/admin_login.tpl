{{%AUTOESCAPE context="HTML"}}<h1>{{login_title}}</h1>
<p>{{login_intro}}</p>
{{#TIMED_OUT}}<p class="error">{{login_timed_out}}</p>{{/TIMED_OUT}}
{{#LOGGED_OUT}}<p class="notice">{{login_logged_out}}</p>{{/LOGGED_OUT}}
{{#LOGIN_ERROR}}<p class="error" id="login_error">{{ERROR}}</p>{{/LOGIN_ERROR}}
<form method="post" action="/cgi-bin/passwd-admin/login" class="box">
<input type="hidden" name="csrf_token" value="{{CSRF_TOKEN}}">
<div class="field">
<label for="login">{{field_login}}</label>
<input type="text" id="login" name="login" value="{{LOGIN}}" maxlength="64" autocomplete="username" autocapitalize="none" spellcheck="false"{{#LOGIN_ERROR}} aria-invalid="true" aria-describedby="login_error"{{/LOGIN_ERROR}}>
</div>
<div class="field">
<label for="password">{{field_password}}</label>
<input type="password" id="password" name="password" value="" maxlength="128" autocomplete="current-password"{{#LOGIN_ERROR}} aria-invalid="true" aria-describedby="login_error"{{/LOGIN_ERROR}}>
</div>
<p><button type="submit">{{button_login}}</button></p>
</form>

{{%AUTOESCAPE context="HTML"}}<h1>オペレータログイン</h1>
<p>事務局のオペレータ専用の画面です。ご自身のログインIDとパスワードでログインしてください。</p>
{{#TIMED_OUT}}<p class="error">一定時間操作がなかったため、またはログインから時間が経過したため、ログアウトしました。再度ログインしてください。</p>{{/TIMED_OUT}}
{{#LOGGED_OUT}}<p class="notice">ログアウトしました。</p>{{/LOGGED_OUT}}
{{#LOGIN_ERROR}}<p class="error" id="login_error">{{ERROR}}</p>{{/LOGIN_ERROR}}
<form method="post" action="/cgi-bin/passwd-admin/login" class="box">
<input type="hidden" name="csrf_token" value="{{CSRF_TOKEN}}">
<div class="field">
<label for="login">ログインID</label>
<input type="text" id="login" name="login" value="{{LOGIN}}" maxlength="64" autocomplete="username" autocapitalize="none" spellcheck="false"{{#LOGIN_ERROR}} aria-invalid="true" aria-describedby="login_error"{{/LOGIN_ERROR}}>
</div>
<div class="field">
<label for="password">パスワード</label>
<input type="password" id="password" name="password" value="" maxlength="128" autocomplete="current-password"{{#LOGIN_ERROR}} aria-invalid="true" aria-describedby="login_error"{{/LOGIN_ERROR}}>
</div>
<p><button type="submit">ログイン</button></p>
</form>

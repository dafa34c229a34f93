{{%AUTOESCAPE context="HTML"}}<h1>UMIN IDの入力</h1>
<p>このパスワード更新は「一般用パスワード」の更新です。UMIN IDを入力し[アクセスコード送信]押下でUMIN IDに登録されているメールアドレスへアクセスコードを送信いたします。</p>

<section class="box">
<h2>◇一般用パスワードとは</h2>
<p>UMIN ID発行時に必ず付与されるパスワードになります。電子メール・UMIN-CTR・Eメールなど一般的なUMINサービスに必要なパスワードです。INDICEサービス・NCD症例登録システムの利用者へと付与される専用パスワードではありません。</p>
</section>

<form method="post" action="/cgi-open-bin/passwd/send_id" class="box">
<input type="hidden" name="csrf_token" value="{{CSRF_TOKEN}}">
<div class="field">
<label for="umin_id">UMIN ID</label>
<p class="hint" id="umin_id_hint">パスワード更新を行うUMIN IDをご入力下さい。</p>
{{#ID_ERROR}}<p class="field-error" id="umin_id_error">{{ERROR}}</p>{{/ID_ERROR}}
<input type="text" id="umin_id" name="umin_id" value="{{UMIN_ID}}" maxlength="100" autocomplete="username" autocapitalize="none" spellcheck="false" aria-describedby="umin_id_hint{{#ID_ERROR}} umin_id_error{{/ID_ERROR}}"{{#ID_ERROR}} aria-invalid="true"{{/ID_ERROR}}>
</div>
<p><button type="submit">アクセスコード送信</button></p>
<p class="hint">[アクセスコード送信]押下で認証画面へ移動しますので、受信したアクセスコードを入力してください。</p>
</form>

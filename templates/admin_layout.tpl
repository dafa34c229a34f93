{{%AUTOESCAPE context="HTML"}}<!DOCTYPE html>
<html lang="ja">
<head>
<meta charset="UTF-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex, nofollow">
<title>{{TITLE}} - {{console_name}}</title>
<link rel="stylesheet" href="/passwd/static/passwd.css">
</head>
<body class="console">
<header class="site-header">
<p class="site-name"><a href="/cgi-bin/passwd-admin/queue">{{console_name}}</a></p>
{{#SIGNED_IN}}<nav class="site-nav">
<a href="/cgi-bin/passwd-admin/queue">{{queue_title}}</a>
<a href="/cgi-bin/passwd-admin/audit">{{audit_title}}</a>
<a href="/cgi-bin/passwd-admin/deliveries">{{nav_deliveries}}</a>
<a href="/cgi-bin/passwd-admin/address_change">{{nav_address_change}}</a>
<a href="/cgi-bin/passwd-admin/mails">{{mails_title}}</a>
</nav>
<form method="get" action="/cgi-bin/passwd-admin/account" class="account-search">
<label for="account_search_id">UMIN ID</label>
<input type="text" id="account_search_id" name="id" maxlength="100" size="14" autocapitalize="none" spellcheck="false">
<button type="submit">{{button_show}}</button>
</form>
<form method="post" action="/cgi-bin/passwd-admin/logout" class="operator">
<input type="hidden" name="csrf_token" value="{{CSRF_TOKEN}}">
<span class="operator-name">{{signed_in_as}} {{OPERATOR_NAME}} ({{OPERATOR_LOGIN}})</span>
<button type="submit">{{button_logout}}</button>
</form>
{{/SIGNED_IN}}</header>
<main class="content">
{{>BODY}}
</main>
<footer class="site-footer">
<p>UMIN University for Academic Information<br>
University Hospital Medical Information Network</p>
<p>大学病院医療情報ネットワーク</p>
</footer>
</body>
</html>

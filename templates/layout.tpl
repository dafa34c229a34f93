{{%AUTOESCAPE context="HTML"}}<!DOCTYPE html>
<html lang="{{LANG}}">
<head>
<meta charset="UTF-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{TITLE}} - {{site_name}}</title>
<link rel="stylesheet" href="/passwd/static/passwd.css">
<script src="/passwd/static/passwd.js" defer></script>
</head>
<body data-sending-text="{{sending_text}}">
<header class="site-header">
<p class="site-name"><a href="{{TOP_URL}}">{{site_name}}</a></p>
<nav class="site-nav">
<a href="{{TOP_URL}}">{{nav_top}}</a>
<a href="{{INQUIRY_URL}}">{{nav_inquiry}}</a>
<a href="{{ID_REGISTRATION_URL}}">{{nav_id_registration}}</a>
</nav>
{{#LANG_SWITCH}}<nav class="lang-switch" aria-label="{{lang_switch_label}}">{{#IN_JA}}<span lang="ja" aria-current="true">日本語</span>{{/IN_JA}}{{#TO_JA}}<a href="{{JA_URL}}" lang="ja" hreflang="ja">日本語</a>{{/TO_JA}} / {{#IN_EN}}<span lang="en" aria-current="true">English</span>{{/IN_EN}}{{#TO_EN}}<a href="{{EN_URL}}" lang="en" hreflang="en">English</a>{{/TO_EN}}</nav>
{{/LANG_SWITCH}}</header>
<main class="content">
{{>BODY}}
</main>
<footer class="site-footer">
<p>UMIN University for Academic Information<br>
University Hospital Medical Information Network</p>
<p lang="ja">大学病院医療情報ネットワーク</p>
</footer>
</body>
</html>

{{%AUTOESCAPE context="HTML"}}<!DOCTYPE html>
<html lang="ja">
<head>
<meta charset="UTF-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{TITLE}} - UMIN パスワード更新</title>
<link rel="stylesheet" href="/passwd/static/passwd.css">
<script src="/passwd/static/passwd.js" defer></script>
</head>
<body data-sending-text="送信しています。しばらくお待ちください。">
<header class="site-header">
<p class="site-name"><a href="{{TOP_URL}}">UMIN パスワード更新</a></p>
<nav class="site-nav">
<a href="{{TOP_URL}}">トップページ</a>
<a href="{{INQUIRY_URL}}">お問い合わせ</a>
<a href="{{ID_REGISTRATION_URL}}">UMIN IDの取得</a>
</nav>
</header>
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

{{%AUTOESCAPE context="HTML"}}<section class="notice error-page">
<h1>アクセスコード期限切れ</h1>
<p>アクセスコードの有効期限が切れました。<br>
本アクセスコードはクリアされましたので、下記【最初のページへ】ボタンより改めて作業願います。</p>
<p class="actions"><a class="button" href="{{TOP_URL}}">最初のページへ</a></p>
</section>

{{%AUTOESCAPE context="HTML"}}<section class="notice error-page">
<h1>アクセスコードの入力</h1>
<p>アクセスコードの誤入力による回数が制限値を超えたため、ロックされました。<br>
本アクセスコードはクリアされましたので、下記【最初のページへ】ボタンより改めて作業願います。</p>
<p class="actions"><a class="button" href="{{TOP_URL}}">最初のページへ</a></p>
</section>

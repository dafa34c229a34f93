{{%AUTOESCAPE context="HTML"}}<section class="notice error-page">
<h1>{{code_expired_title}}</h1>
<p>{{code_expired_text}}<br>
{{code_cleared}}</p>
<p class="actions"><a class="button" href="{{TOP_URL}}">{{button_first_page}}</a></p>
</section>

{{%AUTOESCAPE context="HTML"}}<section class="notice error-page">
<h1>{{code_title}}</h1>
<p>{{code_locked_text}}<br>
{{code_cleared}}</p>
<p class="actions"><a class="button" href="{{TOP_URL}}">{{button_first_page}}</a></p>
</section>

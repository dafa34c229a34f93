{{%AUTOESCAPE context="HTML"}}<section class="notice done">
<h1>{{done_title}}</h1>
<p>{{DONE_USABLE}}</p>
<p>{{DONE_PROPAGATION}}</p>
<p>{{done_general_only}}</p>
</section>
<section class="box">
<p>{{done_completed}}</p>
<p>{{done_mail_sent}}</p>
<p>{{done_not_notified}}</p>
</section>
<p class="actions"><a class="button" href="{{TOP_URL}}">{{back_to_top}}</a></p>

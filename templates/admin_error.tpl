{{%AUTOESCAPE context="HTML"}}<section class="notice error-page">
<h1>{{HEADING}}</h1>
<p>{{MESSAGE}}</p>
<p class="actions"><a class="button" href="/cgi-bin/passwd-admin/queue">{{back_to_queue}}</a></p>
</section>

# Posta all'help desk: cosa citano le mail, il link alla posta trattenuta e un rimbalzo accanto a un ticket (la pagina della posta trattenuta è in desk/inbound.ftl).
mail-untitled = Richiesta via e-mail da { $sender }
notify-note-quote = Messaggio: { $text }
notify-note-files = File: { $files } (sulla pagina della richiesta)
nav-held-mail = Posta trattenuta
notify-details-subject = { $number }: cosa serve sapere all'IT
notify-details-text = La sua richiesta è ora classificata come { $category }. Per aiutare il tecnico, ci indichi per favore:
notify-details-field = – { $label } { $hint }
notify-details-reply = Risponda a questa e-mail (con { $number } nell'oggetto) oppure aggiunga i dati sulla pagina della richiesta.
ticket-requester-bounces = Le e-mail al richiedente sono tornate indietro non recapitate ({ $when }): contattatelo in un altro modo o correggete l'indirizzo.

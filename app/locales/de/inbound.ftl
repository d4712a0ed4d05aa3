# Mail an den Helpdesk: was Mails zitieren, der Link zur zurückgehaltenen Mail und eine Rückmeldung am Ticket (die Seite der zurückgehaltenen Mail steht in desk/inbound.ftl).
mail-untitled = Anfrage per E-Mail von { $sender }
notify-note-quote = Nachricht: { $text }
notify-note-files = Dateien: { $files } (auf der Seite der Anfrage)
nav-held-mail = Zurückgehaltene Mails
notify-details-subject = { $number }: Was die IT wissen muss
notify-details-text = Ihre Anfrage ist jetzt unter { $category } eingeordnet. Damit die Technik helfen kann, nennen Sie uns bitte:
notify-details-field = – { $label } { $hint }
notify-details-reply = Antworten Sie auf diese Mail (mit { $number } im Betreff) oder ergänzen Sie die Angaben auf der Seite der Anfrage.
ticket-requester-bounces = E-Mails an die anfragende Person kamen unzustellbar zurück ({ $when }): Erreichen Sie sie auf anderem Weg oder korrigieren Sie die Adresse.

# Mail to the help desk: what mails quote, the link to the held mail and a bounce beside a ticket (the held-mail page is in desk/inbound.ftl).
mail-untitled = Request by email from { $sender }
notify-note-quote = Message: { $text }
notify-note-files = Files: { $files } (on the request's page)
nav-held-mail = Held mail
notify-details-subject = { $number }: what IT needs to know
notify-details-text = Your request is now filed under { $category }. To help the technician, please tell us:
notify-details-field = – { $label } { $hint }
notify-details-reply = Reply to this mail with the answers (keep { $number } in the subject), or add them on the request's page.
ticket-requester-bounces = Mail to the requester came back undelivered ({ $when }): reach them another way, or correct their address.

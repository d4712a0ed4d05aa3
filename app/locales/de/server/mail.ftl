## Benachrichtigungen, in der App und per E-Mail
mail-greeting = Guten Tag { $name },
mail-status = Status
mail-open-it = Öffnen
mail-open-ticket = Ticket öffnen
mail-signature = Switchboard, der IT-Helpdesk
mail-choose = Wählen Sie, was Sie erhalten
mail-link-in-app = (den privaten Link finden Sie in der E-Mail, die wir Ihnen geschickt haben)
mail-digest-subject = Switchboard-Zusammenfassung: { $count ->
    [one] eine Neuigkeit
   *[other] { $count } Neuigkeiten
}


notify-received-subject = { $number } eingegangen
notify-received-text = Wir haben Ihre Anfrage „{ $title }“ erhalten. Ihre Nummer ist { $number }; Sie können sie auf ihrer Seite verfolgen.
notify-received-link-text = Wir haben Ihre Anfrage „{ $title }“ erhalten. Ihre Nummer ist { $number }. Verfolgen Sie sie ohne Anmeldung über diesen privaten Link: { $link }
notify-new-request-subject = Neue Anfrage { $number } ({ $priority })
notify-new-request-text = { $requester } hat „{ $title }“ gemeldet ({ $category }, { $priority }).
notify-a-technician = eine Technikerin oder ein Techniker
notify-assigned-subject = { $number } an { $assignee } zugewiesen
notify-assigned-text = { $assignee } kümmert sich jetzt um Ihre Anfrage.
notify-yours-subject = { $number } Ihnen zugewiesen ({ $priority })
notify-yours-text = „{ $title }“ von { $requester } gehört jetzt Ihnen ({ $category }, { $priority }).
notify-waiting-subject = { $number } wartet auf Sie
notify-waiting-text = Die IT benötigt etwas von Ihnen, um weiterzumachen: Lesen Sie die Nachrichten auf der Ticketseite und antworten Sie dort.
notify-resolved-subject = { $number } gelöst
notify-resolved-text = Lösung: { $solution }

    Wenn es funktioniert, bestätigen Sie die Lösung bitte auf der Ticketseite; wenn nicht, schreiben Sie dort, was noch nicht stimmt, und das Ticket wird wieder geöffnet.
notify-see-ticket = siehe Ticketseite
notify-closed-subject = { $number } geschlossen
notify-closed-text = Ihre Anfrage ist geschlossen. Vielen Dank.
notify-watch-status-subject = { $number }: jetzt { $status }
notify-watch-status-text = { $number } „{ $title }“ ist jetzt: { $status }.
notify-watch-note-subject = { $number } hat eine neue Nachricht
notify-watch-note-text = { $number } „{ $title }“ hat eine neue Nachricht.
notify-reopened-subject = { $number } wieder geöffnet
notify-reopened-text = „{ $title }“ wurde wieder geöffnet. Grund: { $why }
notify-message-subject = { $number }: eine Nachricht der IT
notify-message-text = Zu Ihrer Anfrage gibt es eine neue Nachricht; lesen und beantworten Sie sie auf der Ticketseite.
notify-replied-subject = { $number }: Antwort der anfragenden Person
notify-replied-text = { $requester } hat auf „{ $title }“ geantwortet.
notify-escalated-subject = { $number } an Sie eskaliert ({ $priority })
notify-escalated-text = „{ $title }“ wurde an Sie eskaliert: { $why }
notify-escalation-asked-subject = { $number }: Eskalation angefragt
notify-escalation-asked-text = { $technician } kann „{ $title }“ nicht abschließen: { $why }
notify-facility-finished-subject = { $number }: Facility-Arbeiten { $status ->
    [done] erledigt
   *[cancelled] storniert
}
notify-facility-finished-text = { $order } für „{ $title }“: { $status ->
    [done] erledigt
   *[cancelled] storniert
}; das Ticket geht weiter.
notify-facility-finished-note-text = { $order } für „{ $title }“: { $status ->
    [done] erledigt
   *[cancelled] storniert
}; das Ticket geht weiter. Hinweis des Facility-Managements: { $outcome }
notify-facility-expected-subject = { $number }: Facility-Arbeiten erwartet { $when }
notify-facility-expected-text = { $order } für „{ $title }“ wird jetzt erwartet: { $when }.
notify-facility-no-date = noch ohne Datum
notify-facility-asked-subject = { $number } wartet auf Facility-Arbeiten
notify-facility-asked-text = „{ $title }“ wartet auf { $order }: { $what }.
notify-merged-subject = { $number } mit { $into } zusammengeführt
notify-merged-text = Ihre Anfrage „{ $title }“ betrifft dasselbe wie { $into }, daher haben wir sie dort zusammengeführt. Ihre Nachrichten sind mit umgezogen, und Sie verfolgen ab jetzt { $into }; die Nummer { $number } führt ebenfalls dorthin.

## Service-Level-Regeln
sla-rule-text = { $number } „{ $title }“ ({ $priority }): { $when }; { $actions }.

## Facility-Arbeiten
facility-asked-subject = { $order }: { $location }
facility-asked-text = { $asker } aus der IT bittet um Facility-Arbeiten: { $what } ({ $location }). Markieren Sie den Auftrag auf Ihrer Seite „Arbeitsaufträge“ als erledigt, wenn er abgeschlossen ist.
facility-asked-by-text = { $asker } aus der IT bittet um Facility-Arbeiten: { $what } ({ $location }). Die IT hofft auf Erledigung bis { $by }. Markieren Sie den Auftrag auf Ihrer Seite „Arbeitsaufträge“ als erledigt, wenn er abgeschlossen ist.

## Konto-Links
mail-verify-subject = Bestätigen Sie Ihre E-Mail-Adresse für Switchboard
mail-verify-why = Öffnen Sie diesen Link innerhalb von 24 Stunden, um zu bestätigen, dass diese Adresse Ihnen gehört, und die Einrichtung Ihres Kontos abzuschließen:
mail-reset-subject = Neues Passwort für Switchboard festlegen
mail-reset-why = Jemand (hoffentlich Sie) hat ein neues Passwort angefordert. Öffnen Sie diesen Link innerhalb von 30 Minuten, um eines zu wählen; er funktioniert nur einmal. Wenn Sie das nicht waren, ignorieren Sie diese E-Mail: Ihr Passwort bleibt unverändert.

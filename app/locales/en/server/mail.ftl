## Notifications, in the app and by email
mail-greeting = Hello { $name },
mail-status = Status
mail-open-it = Open it
mail-open-ticket = Open the ticket
mail-signature = Switchboard, the IT help desk
mail-choose = Choose what you receive
mail-link-in-app = (the private link is in the email we sent)
mail-digest-subject = Switchboard digest: { $count ->
    [one] one update
   *[other] { $count } updates
}


notify-received-subject = { $number } received
notify-received-text = We received your request “{ $title }”. Its number is { $number }; follow it on its page.
notify-received-link-text = We received your request “{ $title }”. Its number is { $number }. Follow it, without signing in, at this private link: { $link }
notify-new-request-subject = New request { $number } ({ $priority })
notify-new-request-text = { $requester } filed “{ $title }” ({ $category }, { $priority }).
notify-a-technician = a technician
notify-assigned-subject = { $number } assigned to { $assignee }
notify-assigned-text = { $assignee } is now looking after your request.
notify-yours-subject = { $number } assigned to you ({ $priority })
notify-yours-text = “{ $title }” from { $requester } is yours ({ $category }, { $priority }).
notify-waiting-subject = { $number } is waiting on you
notify-waiting-text = IT needs something from you to go on: see the messages on the ticket page and reply there.
notify-resolved-subject = { $number } resolved
notify-resolved-text = Solution: { $solution }

    If it works, accept the solution on the ticket page; if not, say what is still wrong there and it reopens.
notify-see-ticket = see the ticket page
notify-closed-subject = { $number } closed
notify-closed-text = Your request is closed. Thank you.
notify-watch-status-subject = { $number }: now { $status }
notify-watch-status-text = { $number } “{ $title }” is now: { $status }.
notify-watch-note-subject = { $number } has a new message
notify-watch-note-text = { $number } “{ $title }” has a new message.
notify-reopened-subject = { $number } reopened
notify-reopened-text = “{ $title }” was reopened. Reason: { $why }
notify-message-subject = { $number }: a message from IT
notify-message-text = There is a new message on your request; read and reply on its page.
notify-replied-subject = { $number }: the requester replied
notify-replied-text = { $requester } replied on “{ $title }”.
notify-escalated-subject = { $number } escalated to you ({ $priority })
notify-escalated-text = “{ $title }” was escalated to you: { $why }
notify-escalation-asked-subject = { $number }: escalation requested
notify-escalation-asked-text = { $technician } cannot finish “{ $title }”: { $why }
notify-facility-finished-subject = { $number }: facility work { $status ->
    [done] done
   *[cancelled] cancelled
}
notify-facility-finished-text = { $order } for “{ $title }” is { $status ->
    [done] done
   *[cancelled] cancelled
}; the ticket goes on.
notify-facility-finished-note-text = { $order } for “{ $title }” is { $status ->
    [done] done
   *[cancelled] cancelled
}; the ticket goes on. Facility note: { $outcome }
notify-facility-expected-subject = { $number }: facility work expected { $when }
notify-facility-expected-text = { $order } for “{ $title }” is now expected { $when }.
notify-facility-no-date = without a date yet
notify-facility-asked-subject = { $number } waits on facility work
notify-facility-asked-text = “{ $title }” waits on { $order }: { $what }.
notify-merged-subject = { $number } merged into { $into }
notify-merged-text = Your request “{ $title }” is about the same thing as { $into }, so we merged it there. Your messages moved with it, and you follow { $into } from now on; the number { $number } leads there too.

## Service-level rules
sla-rule-text = { $number } “{ $title }” ({ $priority }): { $when }; { $actions }.

## Facility work
facility-asked-subject = { $order }: { $location }
facility-asked-text = { $asker } from IT asks for facility work: { $what } ({ $location }). Mark it done on your work orders page when it is finished.
facility-asked-by-text = { $asker } from IT asks for facility work: { $what } ({ $location }). IT hopes for it by { $by }. Mark it done on your work orders page when it is finished.

## Account links
mail-verify-subject = Confirm your email for Switchboard
mail-verify-why = Open this link within 24 hours to confirm that this address is yours and finish creating your account:
mail-reset-subject = Set a new Switchboard password
mail-reset-why = Someone (we hope you) asked to set a new password. Open this link within 30 minutes to choose one; it works once. If it was not you, ignore this mail: your password stays as it is.

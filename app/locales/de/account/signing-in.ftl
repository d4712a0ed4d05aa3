## Anmelden, Konto erstellen, Adresse bestätigen, vergessenes Passwort neu festlegen

# Anmelden
account-verified-notice = Ihre E-Mail-Adresse ist bestätigt. Melden Sie sich mit Ihrem Passwort an.
account-reset-notice = Ihr neues Passwort ist gespeichert, und alle bisherigen Sitzungen wurden beendet. Melden Sie sich damit an.
account-sign-in-title = Anmelden — Switchboard
account-sign-in = Anmelden
account-email = E-Mail
account-login = E-Mail oder Benutzername
account-password = Passwort
account-hide-password = Verbergen
account-show-password = Anzeigen
account-signing-in = Anmeldung läuft…
account-forgot-link = Passwort vergessen?
account-no-account = Noch kein Konto?
account-create-one = Jetzt registrieren

# Anmelden mit dem Firmenkonto (OpenID Connect)
# $provider: der Name, den die IT ihrer Anmeldung gegeben hat (z. B. Contoso, Google).
account-sso-button = Anmelden mit { $provider }
account-sso-or = oder mit Passwort
account-signin-cancelled = Die Anmeldung mit Ihrem Firmenkonto wurde abgebrochen.
account-signin-expired = Die Anmeldung hat zu lange gedauert oder wurde in einem anderen Browser begonnen. Versuchen Sie es erneut.
account-signin-refused = Die Antwort des Firmenkontos ließ sich nicht prüfen, daher wurden Sie nicht angemeldet. Versuchen Sie es erneut; geschieht es wieder, wenden Sie sich an die IT.
account-signin-unverified = Ihr Firmenkonto hat keine bestätigte E-Mail-Adresse, daher kann Switchboard Sie nicht zuordnen. Bitten Sie die IT, es zu prüfen.
account-signin-unavailable = Die Firmenanmeldung ist gerade nicht erreichbar. Versuchen Sie es in einigen Minuten erneut.
account-signin-deactivated = Dieses Konto ist deaktiviert. Wenden Sie sich an die IT, wenn Sie es wieder brauchen.
account-signin-conflict = Diese Adresse gehört zu einem Administratorkonto, das nie mit einem Firmenkonto verknüpft wird. Administratoren melden sich mit ihrem Passwort an.
account-signin-unusable = Ihr Firmenkonto kann hier nicht verwendet werden: Die Adresse fehlt oder gehört schon zu einem anderen Konto. Bitten Sie die IT, es zu prüfen.
account-signin-outside = Hier können sich nur Konten der Organisation anmelden. Melden Sie sich mit Ihrem Arbeitskonto an.

# Konto erstellen
account-register-title = Konto erstellen — Switchboard
account-register-heading = Konto erstellen
# $email: die Adresse, an die der Link ging (fett dargestellt).
account-register-sent = Wir haben einen Link an { $email } geschickt. Öffnen Sie ihn innerhalb von 24 Stunden, um zu bestätigen, dass die Adresse Ihnen gehört; danach können Sie sich anmelden.
account-your-name = Ihr Name
account-work-email = Geschäftliche E-Mail
account-password-rule = Passwort (mindestens 10 Zeichen)
account-create-account = Konto erstellen

# Adresse bestätigen
account-verify-title = E-Mail-Adresse bestätigen — Switchboard
account-verify-heading = E-Mail-Adresse bestätigen
account-verify-intro = Bestätigen Sie, dass diese Adresse Ihnen gehört, um die Einrichtung Ihres Kontos abzuschließen.
account-verify-button = Adresse bestätigen

# Passwort vergessen
account-forgot-title = Passwort vergessen — Switchboard
account-forgot-heading = Passwort vergessen
account-forgot-sent = Falls zu dieser Adresse ein Konto besteht, ist ein Link zum Festlegen eines neuen Passworts unterwegs. Er ist 30 Minuten lang gültig und funktioniert nur einmal.
account-send-link = Link anfordern

# Neues Passwort
account-reset-title = Neues Passwort festlegen — Switchboard
account-reset-heading = Neues Passwort festlegen
account-checking-link = Link wird geprüft…
# Danach folgen ein Link mit account-ask-new-link und ein Punkt.
account-link-expired = Dieser Link ist abgelaufen oder wurde bereits verwendet.
account-ask-new-link = Fordern Sie einen neuen an
account-new-password-rule = Neues Passwort (mindestens 10 Zeichen)
account-set-password = Passwort speichern

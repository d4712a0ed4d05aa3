## Accesso, creazione dell'account, conferma dell'indirizzo, nuova password dopo averla dimenticata

# Accesso
account-verified-notice = Il suo indirizzo e-mail è confermato. Acceda con la sua password.
account-reset-notice = La nuova password è stata impostata e tutte le sessioni precedenti sono state chiuse. Acceda con la nuova password.
account-sign-in-title = Accedi — Switchboard
account-sign-in = Accedi
account-email = E-mail
account-login = E-mail o nome utente
account-password = Password
account-hide-password = Nascondi
account-show-password = Mostra
account-signing-in = Accesso in corso…
account-forgot-link = Password dimenticata?
account-no-account = Non ha ancora un account?
account-create-one = Ne crei uno

# Accesso con l'account aziendale (OpenID Connect)
# $provider: il nome che l'IT ha dato al suo accesso (ad es. Contoso, Google).
account-sso-button = Accedi con { $provider }
account-sso-or = oppure con una password
account-signin-cancelled = L'accesso con l'account aziendale è stato annullato.
account-signin-expired = L'accesso ha richiesto troppo tempo o è stato avviato in un altro browser. Riprovi.
account-signin-refused = Non è stato possibile verificare la risposta dell'account aziendale, quindi l'accesso non è avvenuto. Riprovi; se succede ancora, avvisi l'IT.
account-signin-unverified = Il suo account aziendale non ha un indirizzo e-mail confermato, quindi Switchboard non può sapere chi è. Chieda all'IT di verificarlo.
account-signin-unavailable = L'accesso aziendale al momento non è raggiungibile. Riprovi tra qualche minuto.
account-signin-deactivated = Questo account è disattivato. Si rivolga all'IT se le serve di nuovo.
account-signin-conflict = Questo indirizzo appartiene a un account di amministratore, che non viene mai collegato a un account aziendale. Gli amministratori accedono con la loro password.
account-signin-unusable = Il suo account aziendale non può essere usato qui: l'indirizzo manca o appartiene già a un altro account. Chieda all'IT di verificarlo.
account-signin-outside = Qui possono accedere solo gli account dell'organizzazione. Acceda con il suo account di lavoro.

# Creazione dell'account
account-register-title = Crea un account — Switchboard
account-register-heading = Crea un account
# $email: l'indirizzo a cui è stato inviato il link (in grassetto).
account-register-sent = Abbiamo inviato un link a { $email }. Lo apra entro 24 ore per confermare che l'indirizzo è suo, poi effettui l'accesso.
account-your-name = Nome e cognome
account-work-email = E-mail aziendale
account-password-rule = Password (almeno 10 caratteri)
account-create-account = Crea account

# Conferma dell'indirizzo
account-verify-title = Conferma l'indirizzo e-mail — Switchboard
account-verify-heading = Conferma l'indirizzo e-mail
account-verify-intro = Confermi che questo indirizzo è suo per completare la creazione dell'account.
account-verify-button = Conferma l'indirizzo

# Password dimenticata
account-forgot-title = Password dimenticata — Switchboard
account-forgot-heading = Password dimenticata
account-forgot-sent = Se a questo indirizzo corrisponde un account, le stiamo inviando un link per impostare una nuova password. Il link vale una sola volta, per 30 minuti.
account-send-link = Invia il link

# Nuova password
account-reset-title = Imposta una nuova password — Switchboard
account-reset-heading = Imposta una nuova password
account-checking-link = Verifica del link in corso…
# Seguono un link con account-ask-new-link e un punto.
account-link-expired = Questo link è scaduto o è già stato usato.
account-ask-new-link = Ne richieda uno nuovo
account-new-password-rule = Nuova password (almeno 10 caratteri)
account-set-password = Imposta password

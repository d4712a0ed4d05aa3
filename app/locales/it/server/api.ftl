# La pagina di riferimento della REST API (/api/docs). Ciò che dice di ogni operazione e campo è
# l'inglese della descrizione dell'API stessa, come i messaggi dell'API.
api-docs-title = Riferimento della REST API di Switchboard
api-docs-intro = Ogni operazione della REST API, letta dalla descrizione pubblicata dal server. Operazioni e campi sono descritti in inglese, come i messaggi dell'API.
api-docs-download = Scarica la descrizione (OpenAPI 3.1)
api-docs-operations = Operazioni
api-docs-schemas = Schemi
api-docs-parameters = Parametri
api-docs-request-body = Corpo della richiesta
api-docs-responses = Risposte
api-docs-name = Nome
api-docs-in = In
api-docs-type = Tipo
api-docs-required = Obbligatorio
api-docs-description = Descrizione
api-docs-status = Stato
api-docs-headers = Intestazioni
api-docs-fields = Campo
api-docs-anonymous = Nessun token necessario.
api-docs-includes = Include ogni campo di
api-docs-yes = sì

# Die Referenzseite der REST-API (/api/docs). Was sie zu jeder Operation und jedem Feld sagt, ist
# das Englisch der API-Beschreibung selbst, wie die Meldungen der API.
api-docs-title = Switchboard REST-API-Referenz
api-docs-intro = Jede Operation der REST-API, gelesen aus der Beschreibung, die der Server veröffentlicht. Operationen und Felder sind auf Englisch beschrieben, wie die Meldungen der API.
api-docs-download = Beschreibung herunterladen (OpenAPI 3.1)
api-docs-operations = Operationen
api-docs-schemas = Schemas
api-docs-parameters = Parameter
api-docs-request-body = Anfragetext
api-docs-responses = Antworten
api-docs-name = Name
api-docs-in = In
api-docs-type = Typ
api-docs-required = Pflicht
api-docs-description = Beschreibung
api-docs-status = Status
api-docs-headers = Header
api-docs-fields = Feld
api-docs-anonymous = Kein Token nötig.
api-docs-includes = Enthält jedes Feld von
api-docs-yes = ja

# The REST API's reference page (/api/docs). What it says of each operation and field is the
# API description's own English, like the API's messages.
api-docs-title = Switchboard REST API reference
api-docs-intro = Every operation of the REST API, read from the description the server publishes. Descriptions of operations and fields are in English, like the API's messages.
api-docs-download = Download the description (OpenAPI 3.1)
api-docs-operations = Operations
api-docs-schemas = Schemas
api-docs-parameters = Parameters
api-docs-request-body = Request body
api-docs-responses = Responses
api-docs-name = Name
api-docs-in = In
api-docs-type = Type
api-docs-required = Required
api-docs-description = Description
api-docs-status = Status
api-docs-headers = Headers
api-docs-fields = Field
api-docs-anonymous = No token needed.
api-docs-includes = Includes every field of
api-docs-yes = yes

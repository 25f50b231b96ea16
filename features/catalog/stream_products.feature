Feature: Stream every product as NDJSON
  A client that needs the whole selection gets it as one stream of JSON lines, read from the database in
  chunks, instead of paging.

  Background:
    Given a catalog of 300 products

  Scenario: The stream holds every matching product once, in id order
    When I stream the products as NDJSON
    Then I receive 300 JSON lines
    And the ids are strictly increasing

  Scenario: Choosing columns
    When I stream the products as NDJSON with the columns "id,sku,price"
    Then every line has exactly the keys "id,sku,price"

  @http
  Scenario: Streaming over HTTP
    When a client streams "/products/stream" over HTTP
    Then the response has the media type "application/x-ndjson"
    And I receive 300 JSON lines

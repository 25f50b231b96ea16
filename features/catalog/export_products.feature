Feature: Export products as CSV
  The export is a CSV file that spreadsheets open safely: RFC 4180 quoting, a header row, and cells that
  would start a formula are neutralised.

  Background:
    Given a catalog of 50 products
    And a product named "=SUM(A1:A3)" in category "books"

  Scenario: The export has a header and a row per product
    When I export the products as CSV
    Then the first line is the header "id,sku,name,description,category,price,stock,created_at,updated_at"
    And the file has 51 product rows

  Scenario: Formula cells are neutralised
    When I export the products as CSV
    Then no cell starts with "="
    And a cell reads "'=SUM(A1:A3)"

  @http
  Scenario: Downloading the export over HTTP
    When a client downloads "/products/export/csv" over HTTP
    Then the response names the file "products.csv"
    And the file has 51 product rows

Feature: Import products from a file
  An upload is CSV with a header row, or NDJSON with one object per line. Every row is checked before
  anything is written; a valid upload is upserted by sku as a job that applies each row exactly once.

  Background:
    Given a catalog of 3 products

  Scenario: A CSV upload adds new products and updates known ones
    When I import the CSV file
      """
      sku,name,description,category,price,stock
      BDD-000001,Renamed,,books,5.00,9
      NEW-1,"Lamp, brass",=SUM(A1:A2),home,12.50,4
      """
    Then the import job succeeds with 1 inserted and 1 updated
    And the product "NEW-1" has the name "Lamp, brass" and the price "12.50"
    And the product "BDD-000001" has the name "Renamed" and the price "5.00"
    And the catalog has 4 products

  Scenario: A bad line refuses the whole upload
    When I import the CSV file
      """
      sku,name,description,category,price,stock
      NEW-1,Fine,,home,1.00,1
      NEW-2,Bad,,home,1.00,many
      """
    Then the upload is refused at line 3 because of "stock"
    And the catalog has 3 products

  Scenario: A sku may appear only once in an upload
    When I import the NDJSON file
      """
      {"sku": "NEW-1", "name": "One", "category": "toys", "price": "1.00", "stock": 1}
      {"sku": "NEW-1", "name": "Two", "category": "toys", "price": 2, "stock": 2}
      """
    Then the upload is refused at line 2 because of "sku"
    And the catalog has 3 products

  @http
  Scenario: Importing over HTTP
    When a client imports the NDJSON file over HTTP
      """
      {"sku": "BDD-000002", "name": "Renamed", "category": "toys", "price": 0.5, "stock": 0}
      {"sku": "NEW-1", "name": "Über 🚀", "category": "toys", "price": "3", "stock": 1}
      """
    Then the import job succeeds with 1 inserted and 1 updated
    And the product "NEW-1" has the name "Über 🚀" and the price "3.00"
    And the product "BDD-000002" has the name "Renamed" and the price "0.50"

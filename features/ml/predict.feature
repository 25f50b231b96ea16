Feature: Predict and extract features in bulk
  Records go in as NDJSON or as a query over stored orders, and answers stream back in order.

  Background:
    Given an order history of 3000 orders
    And a ready model for "order_returned" aliased "production"

  Scenario: Predictions for NDJSON records by alias
    When I ask "production" of "order_returned" to predict 25 NDJSON records
    Then I receive 25 answers with probabilities in record order

  Scenario: A bad record after the first chunk ends the answers with an error line
    When I ask "production" of "order_returned" to predict 25 NDJSON records where line 17 is bad
    Then the answers stop before the chunk of line 17 with an error naming line 17

  Scenario: Predictions for stored orders
    When I ask "production" of "order_returned" to predict the stored orders 10 to 19
    Then I receive answers for the orders 10 to 19

  Scenario: Features of stored orders as CSV
    When I extract the default features of "order_quantity" for the stored orders 1 to 5 as CSV
    Then the CSV has a header and 5 rows

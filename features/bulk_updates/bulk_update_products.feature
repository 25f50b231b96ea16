Feature: Update many products at once
  One filter and one operation. A dry run counts the products whose values would change and changes
  nothing; otherwise a bulk update job changes each targeted product exactly once. A product changes
  only when one of its values differs afterwards. Products added after the submission are left alone,
  and repeating a submission with its idempotency key returns the first job.

  Background:
    Given a catalog of 40 products

  Scenario: A dry run counts what would change and changes nothing
    When I dry-run the bulk update
      """
      {"filter": {"max_stock": 0}, "operation": {"type": "add_stock", "delta": 3}}
      """
    Then 8 products would change
    And no product has changed
    And "bdd" has 0 jobs

  Scenario: The update changes what the dry run counted, and nothing else
    When I dry-run the bulk update
      """
      {"filter": {"max_stock": 0}, "operation": {"type": "add_stock", "delta": 3}}
      """
    And I submit the bulk update
      """
      {"filter": {"max_stock": 0}, "operation": {"type": "add_stock", "delta": 3}}
      """
    Then 8 products would change
    And the job succeeds on attempt 1
    And the job counted 8 changed products
    And only the products 5, 10, 15, 20, 25, 30, 35 and 40 changed, each to a stock of 3

  Scenario: A product that already has the new price does not count
    When I dry-run the bulk update
      """
      {"filter": {"ids": [1, 2, 3]}, "operation": {"type": "set_price", "price": "1.37"}}
      """
    Then 2 products would change

  Scenario: An update without a filter is refused
    When I dry-run the bulk update
      """
      {"filter": {}, "operation": {"type": "add_stock", "delta": 3}}
      """
    Then the request is refused because of "filter"

  Scenario: A price factor of zero is refused
    When I submit the bulk update
      """
      {"filter": {"category": "toys"}, "operation": {"type": "multiply_price", "factor": "0"}}
      """
    Then the request is refused because of "factor"
    And "bdd" has 0 jobs

  Scenario: The same key again returns the first job, even after products were added
    When I submit the bulk update with the idempotency key "restock"
      """
      {"filter": {"min_id": 1}, "operation": {"type": "add_stock", "delta": 5}}
      """
    And the job succeeds on attempt 1
    And a product is added to the catalog
    And I submit the bulk update with the idempotency key "restock"
      """
      {"filter": {"min_id": 1}, "operation": {"type": "add_stock", "delta": 5}}
      """
    Then the second submission returned the first job without creating one
    And "bdd" has 1 job
    And the stock of the first 40 products rose by exactly 5, and no other stock changed

  Scenario: The same key with another update is a conflict
    When I submit the bulk update with the idempotency key "restock"
      """
      {"filter": {"min_id": 1}, "operation": {"type": "add_stock", "delta": 5}}
      """
    And I submit the bulk update with the idempotency key "restock"
      """
      {"filter": {"min_id": 1}, "operation": {"type": "add_stock", "delta": 6}}
      """
    Then the submission is refused as a conflict
    And "bdd" has 1 job

Feature: Grouped figures of the order history
  An analyst groups orders by allow-listed dimensions and gets one line per group. The database can
  group them itself, or the service can group them in bounded memory; both give the same lines.

  Background:
    Given an order history of 2000 orders from 300 customers

  Scenario: Both engines give the same lines
    When I aggregate orders by "customer_id" with the "database" engine
    And I aggregate orders by "customer_id" with the "spacetime" engine
    Then both engines gave the same lines
    And the order counts add up to 2000

  Scenario: Ordering by revenue, largest first, with a limit
    When I aggregate orders by "category" ordered by "-revenue" with a limit of 2
    Then I get 2 lines
    And the revenues never increase

  Scenario: A dimension outside the allow-list is refused
    When I aggregate orders by "name"
    Then the request is refused because of "group_by"

  Scenario: The spacetime engine is refused while memory is critical
    Given memory pressure is critical
    When I aggregate orders by "category" with the "spacetime" engine
    Then the request is refused as unavailable

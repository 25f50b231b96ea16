Feature: Place an order
  A customer's order takes the product's stock at the product's price, in one step: two orders for the
  last item cannot both succeed. An order sent twice with the same idempotency key is placed once.

  Background:
    Given a product "MUG-1" at "8.50" with 3 in stock

  Scenario: An order takes stock at the product's price
    When "ann" places an order of 2 "MUG-1" for customer 7
    Then the order is placed at "8.50" each
    And "MUG-1" has 1 in stock

  Scenario: An order beyond the stock is refused and takes nothing
    When "ann" places an order of 4 "MUG-1" for customer 7
    Then the order is refused as a conflict
    And "MUG-1" has 3 in stock

  Scenario: The same idempotency key places the order once
    When "ann" places an order of 1 "MUG-1" for customer 7 with the key "basket-42"
    And "ann" places an order of 1 "MUG-1" for customer 7 with the key "basket-42"
    Then both answers are the same order
    And "MUG-1" has 2 in stock

  Scenario: Another owner's key is their own
    When "ann" places an order of 1 "MUG-1" for customer 7 with the key "basket-42"
    And "bob" places an order of 1 "MUG-1" for customer 8 with the key "basket-42"
    Then the two answers are different orders
    And "MUG-1" has 1 in stock

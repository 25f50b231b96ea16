Feature: Summary of the order history
  The headline figures of the orders that match a filter, cached briefly.

  Background:
    Given an order history of 2000 orders from 300 customers

  Scenario: The summary counts every order and customer exactly
    When I ask for the summary
    Then it counts 2000 orders and every customer who ordered once
    And asking again is answered from the cache

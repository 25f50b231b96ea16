Feature: Resume jobs after a crash
  A job is a durable record leased by the worker that runs it. When that worker's process dies, the
  lease stops being renewed and expires; the next process hands the job to its runner again (as
  `spacetime jobs resume` does) and the new attempt continues from the last checkpoint. Changes to the
  database happen exactly once, and a report's file ends byte for byte as an uninterrupted run's.

  Background:
    Given a catalog of 40 products
    And an order history of 900 orders between "2025-01-01" and "2025-03-31"

  Scenario: A bulk update whose worker died changes every product exactly once
    Given bulk updates change 10 products per chunk
    When I submit a bulk update that adds 7 to the stock of every product
    And a worker takes the job and dies as it commits chunk 3
    And the service starts again once the lease has expired
    Then the service resumed exactly that job
    And the job succeeds on attempt 2
    And the stock of every product rose by exactly 7
    And the job counted 40 changed products

  Scenario Outline: A report whose worker died is resumed to the same bytes
    When I submit a "<kind>" report from "2025-01-01" to "2025-03-31" as "<format>"
    And a worker takes the job and dies right after writing chunk 2 of the report
    And the service starts again once the lease has expired
    Then the service resumed exactly that job
    And the job succeeds on attempt 2
    And the report's file equals the file of an uninterrupted run
    And no temporary file is left among the artifacts

    Examples:
      | kind          | format |
      | daily_stats   | csv    |
      | product_sales | ndjson |

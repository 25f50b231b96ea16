Feature: Submit a job with an idempotency key
  A client that repeats a submission with the same idempotency key gets the first job back instead of a
  second one, whatever that job's status; the same key with another request is a conflict. Keys belong
  to their owner.

  Background:
    Given a catalog of 20 products
    And an order history of 300 orders between "2025-01-01" and "2025-01-31"
    And the service runs its jobs

  Scenario: The same key twice gives one job and one report
    When "alice" submits a "daily_stats" report from "2025-01-01" to "2025-01-31" with the key "january"
    And the job succeeds on attempt 1
    And "alice" submits a "daily_stats" report from "2025-01-01" to "2025-01-31" with the key "january"
    Then the second submission returned the first job without creating one
    And the job is "succeeded"
    And "alice" has 1 job
    And the artifacts hold one report

  Scenario: The same key with another request is a conflict
    When "alice" submits a "daily_stats" report from "2025-01-01" to "2025-01-31" with the key "january"
    And "alice" submits a "daily_stats" report from "2025-01-01" to "2025-01-15" with the key "january"
    Then the submission is refused as a conflict
    And "alice" has 1 job

  Scenario: Keys belong to their owner
    When "alice" submits a "daily_stats" report from "2025-01-01" to "2025-01-31" with the key "january"
    And "bob" submits a "daily_stats" report from "2025-01-01" to "2025-01-31" with the key "january"
    Then each submission made a job of its own
    And "alice" has 1 job
    And "bob" has 1 job

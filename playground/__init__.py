"""playground: see sequence models and generative models work.

Each topic is one folder (model, training, views, tab). The app shows a topic's
tab when its folder has a `tab.py`; the order below is the syllabus' order.
"""

import os

TOPICS = ("lstm", "attention", "pixelcnn", "vae", "gan", "cyclegan")

# Set before gradio, huggingface_hub or transformers is imported anywhere:
# nothing may phone home, and no model may be fetched from a hub at run time.
for _key, _value in {
    "GRADIO_ANALYTICS_ENABLED": "False",
    "HF_HUB_DISABLE_TELEMETRY": "1",
    "HF_HUB_OFFLINE": "1",
    "TRANSFORMERS_OFFLINE": "1",
    "DO_NOT_TRACK": "1",
    # Gradio summarises every endpoint's latencies (a pandas table of the last 10,000
    # events) after EVERY event, for its monitoring page: ~10% of the server's Python
    # time with a class (py-spy). Every 500 events is plenty for that page.
    "GRADIO_ANALYTICS_CACHE_FREQUENCY": "500",
    "GRADIO_ANALYTICS_MAX_EVENTS": "2000",
}.items():
    os.environ.setdefault(_key, _value)

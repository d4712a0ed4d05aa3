// The parts of a release client's split loader come from the pack of the page's group
// (.ci/pack-parts puts this at the top of `__wasm_split.*.js` and has each of the loader's
// fetches ask `packedPart` first).
//
// A pack is: a u32 (little-endian) n, n bytes of JSON [[part, length], ...], then the parts'
// modules one after another. Each part is handed over as soon as its last byte has arrived, so
// the browser compiles the first parts while the rest still downloads.

// The parts the page's pack holds, by name: a promise of each one's bytes.
const packedParts = (() => {
    const link = document.querySelector('link[rel="preload"][href*="/pack_"][href$=".wasm"]');
    if (!link) return Promise.resolve(new Map());
    return fetch(link.href)
        .then((response) => {
            if (!response.ok || !response.body) throw new Error(`${link.href}: ${response.status}`);
            return unpack(link.href, response.body.getReader());
        })
        .catch((error) => {
            console.warn("loading the page's parts one by one:", error);
            return new Map();
        });
})();

// Reads a pack as it arrives: resolves with its parts once the index is in, then settles each
// part when its bytes are (or rejects those not reached, when the download breaks off).
async function unpack(href, reader) {
    let buffer = new Uint8Array(1 << 20);
    let received = 0;
    const more = async () => {
        const { done, value } = await reader.read();
        if (done) return false;
        if (received + value.length > buffer.length) {
            const grown = new Uint8Array(Math.max(buffer.length * 2, received + value.length));
            grown.set(buffer.subarray(0, received));
            buffer = grown;
        }
        buffer.set(value, received);
        received += value.length;
        return true;
    };
    while (received < 4) {
        if (!(await more())) throw new Error(`${href}: no index`);
    }
    const length = new DataView(buffer.buffer).getUint32(0, true);
    while (received < 4 + length) {
        if (!(await more())) throw new Error(`${href}: the index is cut off`);
    }
    const index = JSON.parse(new TextDecoder().decode(buffer.subarray(4, 4 + length)));
    const waiting = [];
    const parts = new Map();
    let at = 4 + length;
    for (const [name, size] of index) {
        let settle;
        const bytes = new Promise((resolve, reject) => (settle = { resolve, reject }));
        // A part nobody asks for (the page did not need it) must not report its failure.
        bytes.catch(() => {});
        parts.set(name, bytes);
        waiting.push({ from: at, to: at + size, settle });
        at += size;
    }
    (async () => {
        try {
            for (const part of waiting) {
                while (received < part.to) {
                    if (!(await more())) throw new Error(`${href}: ${received} of ${at} bytes`);
                }
                part.settle.resolve(buffer.slice(part.from, part.to));
            }
        } catch (error) {
            for (const part of waiting) part.settle.reject(error);
        }
    })();
    return parts;
}

// The response for a part: from the pack while it holds it, else (a part of another group's
// page, or one the pack did not bring) its own file.
function packedPart(name) {
    const own = () => fetch(new URL(`./${name}.wasm`, import.meta.url));
    return packedParts.then((parts) => {
        const bytes = parts.get(name);
        if (!bytes) return own();
        parts.delete(name);
        return bytes.then(
            (bytes) => new Response(bytes, { headers: { "content-type": "application/wasm" } }),
            own,
        );
    });
}

// Tool spellings of hardware and model names → the catalog's names (resources/seed/*.csv).
#include "ResultImporter.h"

#include <array>
#include <cctype>
#include <string_view>
#include <utility>

namespace tokenomics::data {
namespace {

std::string lowered(std::string_view text) {
    std::string result(text);
    for (char& c : result)
        c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return result;
}

/// Letters, digits and dots only, lower case: "GB200 (NVL72)" → "gb200nvl72", "Llama 3.3 70B" →
/// "llama3.370b", so spellings that differ in spaces, dashes or case compare equal.
std::string compacted(std::string_view text) {
    std::string result;
    result.reserve(text.size());
    for (char c : text) {
        const auto u = static_cast<unsigned char>(c);
        if (std::isalnum(u) || c == '.')
            result.push_back(static_cast<char>(std::tolower(u)));
    }
    return result;
}

constexpr std::array kHardwareNames{
    "H100 SXM", "H200 SXM", "B200",   "GB200 (NVL72)", "B300",    "GB300 (NVL72)",
    "MI300X",   "MI325X",   "MI355X", "Gaudi 3",       "TPU v5e", "TPU v6e",
};

// InferenceX runner keys (packages/db/src/etl/normalizers.ts GPU_KEYS) and other short forms.
constexpr std::array<std::pair<std::string_view, std::string_view>, 14> kHardwareAliases{{
    {"h100", "H100 SXM"},
    {"h200", "H200 SXM"},
    {"b200", "B200"},
    {"b300", "B300"},
    {"gb200", "GB200 (NVL72)"},
    {"gb300", "GB300 (NVL72)"},
    {"mi300x", "MI300X"},
    {"mi325x", "MI325X"},
    {"mi355x", "MI355X"},
    {"gaudi3", "Gaudi 3"},
    {"v5e", "TPU v5e"},
    {"tpuv5e", "TPU v5e"},
    {"v6e", "TPU v6e"},
    {"tpuv6e", "TPU v6e"},
}};

constexpr std::array kModelNames{
    "Llama 3.3 70B", "Llama 3.1 8B", "gpt-oss-120b",    "DeepSeek-R1-0528",
    "DeepSeek-R1",   "Qwen3-8B",     "Qwen3-32B",       "GLM-5",
    "MiniMax-M2.5",  "Kimi-K2.5",    "DeepSeek-V4-Pro", "Qwen3.5-397B-A17B",
};

// InferenceX model prefixes (infmax_model_prefix) and common short forms, compacted.
constexpr std::array<std::pair<std::string_view, std::string_view>, 14> kModelAliases{{
    {"dsr1", "DeepSeek-R1-0528"},
    {"dsr10528", "DeepSeek-R1-0528"},
    {"gptoss", "gpt-oss-120b"},
    {"gptoss120b", "gpt-oss-120b"},
    {"llama70b", "Llama 3.3 70B"},
    {"llama3.370b", "Llama 3.3 70B"},
    {"llama8b", "Llama 3.1 8B"},
    {"qwen3.5", "Qwen3.5-397B-A17B"},
    {"glm5", "GLM-5"},
    {"minimaxm2.5", "MiniMax-M2.5"},
    {"kimik2.5", "Kimi-K2.5"},
    {"dsv4", "DeepSeek-V4-Pro"},
    {"dsv4pro", "DeepSeek-V4-Pro"},
    {"deepseekv4pro", "DeepSeek-V4-Pro"},
}};

// Checkpoint suffixes that name a quantisation or a tuning, not a different model.
constexpr std::array kModelSuffixes{"-instruct", "-preview", "-fp8-kv", "-fp4-v2", "-nvfp4-v2",
                                    "-nvfp4",    "-mxfp4",   "-fp8",    "-fp4",    "-kv",
                                    "-v2",       "-dynamic", "-w4a16",  "-awq"};

std::string_view stripModelSuffixes(std::string_view lower) {
    bool stripped = true;
    while (stripped) {
        stripped = false;
        for (std::string_view suffix : kModelSuffixes) {
            if (lower.size() > suffix.size() && lower.ends_with(suffix)) {
                lower.remove_suffix(suffix.size());
                stripped = true;
            }
        }
    }
    return lower;
}

std::optional<std::string> matchModel(std::string_view candidate) {
    const std::string key = compacted(candidate);
    if (key.empty())
        return std::nullopt;
    for (std::string_view name : kModelNames) {
        if (compacted(name) == key)
            return std::string(name);
    }
    for (const auto& [alias, name] : kModelAliases) {
        if (alias == key)
            return std::string(name);
    }
    return std::nullopt;
}

} // namespace

std::string canonicalHardwareName(const std::string& name) {
    std::string_view view = name;
    // InferenceX scopes runner ids ("cluster:h100-dgxc"): only the part after the last ':' names
    // the hardware.
    if (const auto colon = view.rfind(':'); colon != std::string_view::npos)
        view.remove_prefix(colon + 1);
    const std::string key = compacted(view);
    for (std::string_view canonical : kHardwareNames) {
        if (compacted(canonical) == key)
            return std::string(canonical);
    }
    // Runner ids carry a site suffix after the first '-' or '_' ("h200-nv", "mi355x-amds_0").
    const std::string lower = lowered(view);
    const std::string base = compacted(lower.substr(0, lower.find_first_of("-_")));
    for (const auto& [alias, canonical] : kHardwareAliases) {
        if (alias == key || alias == base)
            return std::string(canonical);
    }
    return name;
}

namespace {
// A Hugging Face cache path (".../models--ORG--NAME/snapshots/HASH/", what vLLM records when
// served from a local copy) names the model in its "models--" component: "ORG/NAME".
std::optional<std::string> huggingFaceIdOfCachePath(std::string_view path) {
    const std::size_t start = path.find("models--");
    if (start == std::string_view::npos)
        return std::nullopt;
    std::string_view component = path.substr(start + 8);
    component = component.substr(0, component.find('/'));
    const std::size_t separator = component.find("--");
    if (separator == std::string_view::npos || separator == 0 || separator + 2 >= component.size())
        return std::nullopt;
    return std::string(component.substr(0, separator)) + '/' +
           std::string(component.substr(separator + 2));
}
} // namespace

std::string canonicalModelName(const std::string& name) {
    if (const auto id = huggingFaceIdOfCachePath(name))
        return canonicalModelName(*id);
    std::string_view view = name;
    if (auto found = matchModel(view))
        return *found;
    // Hugging Face ids and local paths: the last path component names the checkpoint.
    if (const auto slash = view.rfind('/'); slash != std::string_view::npos)
        view.remove_prefix(slash + 1);
    const std::string lower = lowered(view);
    if (auto found = matchModel(stripModelSuffixes(lower)))
        return *found;
    return name;
}

} // namespace tokenomics::data

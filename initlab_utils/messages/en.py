"""English run-time texts: the default. Keys are grouped by where they are shown."""

MESSAGES = {
    # ---- exercises/core.py: every verdict starts with one of these --------------------
    "verdict.no_answer": "No answer yet: replace None with your answer and run the cell.",
    "verdict.correct": "Correct: {text}",
    "verdict.not_quite": "Not quite: {text}",
    # ---- tables.py: the per-layer stats table's headers ---------------------------------
    "table.layer": "layer",
    "table.mean": "mean",
    "table.std": "std",
    "table.saturated": "saturated",
    "table.zero": "zero",
    "table.unit_std": "unit std",
    "table.grad_std": "grad std",
    "table.overflow": "overflow",
    # ---- seeds.py: a result over seeds, and the table compare_inits prints -----------------
    "seeds.spread": "{median} [{low} to {high}]",
    "seeds.head": "median [lowest to highest] over {n} seeds; accuracy over the last 50 steps",
    "seeds.row": (
        "final loss {loss}   test accuracy {accuracy}   "
        "|dL/dW| at step 1: layer 1 {first}, layer {depth} {last}"
    ),
    # the hint for an answer that is not one of a check's words (notebooks 06 and 07)
    "reader.one_of": "choose one of: {words}.",
    # ---- checks.py: a value a parameter cannot take (InputError). {name} is the code name
    # for a code caller, the control's label (checks.named) in a widget's message line
    "checks.named": "{label} ({name})",
    "checks.choice": "unknown {name} {value!r}; choose one of: {choices}",
    "checks.whole_number": "{name} must be a whole number, got {value!r}",
    "checks.not_a_number": "{name} must be a number, got {value!r}",
    "checks.at_least": "{name} must be >= {low}, got {value}",
    "checks.between": "{name} must be between {low} and {high}, got {value}",
    # `bound` is checks.bound.positive or checks.bound.nonnegative
    "checks.number": "{name} must be a number {bound}, got {value!r}",
    "checks.finite": "{name} must be a finite number {bound}, got {value}",
    "checks.bound.positive": "> 0",
    "checks.bound.nonnegative": ">= 0",
    "checks.true_false": "{name} must be True or False, got {value!r}",
    # a widget's error that is no ValueError (a bug): the exception's own text
    "checks.unexpected": "{kind}: {message}",
    # ---- exercises/nb01.py: zero and constant init, the symmetry problem ---------------
    # check_adam_keeps_symmetry: does Adam break a constant start's symmetry?
    "nb01.adam_keeps_symmetry.unreadable": 'answer with the string "yes" or "no".',
    "nb01.adam_keeps_symmetry.right": (
        "{truth}: after training with Adam the row spread of hidden layer 1 is {spread:.1e}. "
        "Adam rescales each weight's step by that weight's own gradient history, but equal "
        "gradients have equal histories, so the steps stay equal."
    ),
    "nb01.adam_keeps_symmetry.reconsider": (
        "train with optimizer='adam' and measure il.row_spread(il.hidden_linears(result.model)[0]"
        ".weight): 0 means the units are still copies. What does Adam do with equal gradients?"
    ),
    # check_what_moves_zeros_tanh: which parameters move from all-zero weights under tanh
    "nb01.what_moves_zeros_tanh.unreadable": (
        "give a list of parameter names, e.g. ['0.weight', '2.bias']."
    ),
    "nb01.what_moves_zeros_tanh.nothing": "none",
    "nb01.what_moves_zeros_tanh.right": (
        "only {shown}. tanh(0) = 0, so every hidden output is 0: the read-out's weights get "
        "the gradient (p - y) * h = 0, the error sent back through them is 0, and only the "
        "read-out's bias learns: the network can learn the class frequencies, nothing more."
    ),
    "nb01.what_moves_zeros_tanh.reconsider": (
        "train with train_mlp(activation='tanh', scheme='zeros', depth=2, width=32, lr=0.5) "
        "and list the names of the parameters p of result.model.named_parameters() with "
        "(p != 0).any(). Which gradients do not pass through a hidden output tanh(0) = 0?"
    ),
    # check_zeros_wake_up_step: the step at which layer 1 first moves (4 hidden layers)
    "nb01.zeros_wake_up_step.unreadable": "give a step number, a whole number such as 2.",
    "nb01.zeros_wake_up_step.hint": (
        "count: at step 1 the read-out is 0, so no hidden layer gets a gradient; at step 2 "
        "the read-out is not 0 any more. Which layer can move at step 2, which at step 3?"
    ),
    "nb01.zeros_wake_up_step.two_layers": (
        "3 is the step for 2 hidden layers (section 4); this network has 4. {hint}"
    ),
    "nb01.zeros_wake_up_step.right": (
        "step {truth}: at step 1 only the read-out learns; each step wakes one more layer, "
        "from the top down (hidden 4 at step 2, hidden 3 at step 3, ...)."
    ),
    # ---- exercises/nb02.py: the seed's experiment 1 ------------------------------------
    # check_saturation_width400: layer 1's saturated fraction at width 400
    "nb02.saturation_width400.unreadable": "give one number, a fraction such as 0.5.",
    "nb02.saturation_width400.percentage": (
        "give a fraction between 0 and 1 (such as 0.5), not a percentage."
    ),
    "nb02.saturation_width400.width100": (
        "that is layer 1 at width 100, printed in section 1. At width 400 each z adds "
        "up 400 terms: how does std(z) change, and with it P(|z| > ln 99)?"
    ),
    "nb02.saturation_width400.hint": (
        "layer 1's z is N(0, n * std^2) with n = 400 inputs; a unit is saturated where "
        "|z| > ln 99. Compute P(|z| > ln 99), or measure: il.run_experiment(width="
        "{width}).stats()[0]['frac_saturated']."
    ),
    "nb02.saturation_width400.right": (
        "{truth:.0%} of layer 1's activations are saturated at width {width}: "
        "std(z) = sqrt({width}) = {root:.0f}, so more of "
        "z lands beyond ln 99 (about 4.6) than at width 100."
    ),
    # check_gradient_ratio_std2: layer 1's gradient spread over layer 5's, weights N(0, 2^2)
    "nb02.gradient_ratio_std2.unreadable": "give one number > 0: a ratio of two spreads.",
    "nb02.gradient_ratio_std2.at_std1": (
        "that is the ratio at std 1, printed in section 3; the weights are twice as "
        "large here. Run il.run_experiment(std=2.0)."
    ),
    "nb02.gradient_ratio_std2.fixed_slope": (
        "that keeps rms(sigmoid') fixed. With std 2 more z land in the flat tails and "
        "rms(sigmoid') falls: measure it with trace.gains()."
    ),
    "nb02.gradient_ratio_std2.hint": (
        "run il.run_experiment(std=2.0) and divide stats[0]['grad_std'] by "
        "stats[-1]['grad_std'] (layer 1 over layer 5)."
    ),
    "nb02.gradient_ratio_std2.right": (
        "the ratio is {truth:.2f}, about {gain:.2f} per layer. The weights' factor "
        "sqrt(n) * std doubles, from 10 to 20, while rms(sigmoid') falls only from "
        "{rms_1:.3f} to {rms:.3f}: the weights win."
    ),
    # ... the same when the ratio is above 1
    "nb02.gradient_ratio_std2.right_grows": (
        "the ratio is {truth:.2f}, about {gain:.2f} per layer. The weights' factor "
        "sqrt(n) * std doubles, from 10 to 20, while rms(sigmoid') falls only from "
        "{rms_1:.3f} to {rms:.3f}: the weights win, and the gradient grows on its way back."
    ),
    # check_more_saturated_with_larger_std: does std 3 saturate layer 1 more than std 1?
    "nb02.more_saturated_with_larger_std.unreadable": 'answer with the string "more" or "less".',
    "nb02.more_saturated_with_larger_std.right": (
        "{truth}: {s3:.0%} at std 3 against {s1:.0%} at std 1; a larger z pushes "
        "sigmoid further into its flat tails."
    ),
    "nb02.more_saturated_with_larger_std.reconsider": (
        "think about where sigmoid(z) lands when z = W x grows larger."
    ),
    # ---- exercises/nb03.py: the seed's experiment 2 (N(0, 0.01^2) weights) -------------
    # check_backward_gain_width400: the per-layer backward gain at width 400
    "nb03.backward_gain_width400.unreadable": "give one number > 0, a factor such as 0.5.",
    "nb03.backward_gain_width400.width100": (
        "that is the gain at width 100, printed in section 4. Which factor of "
        "sqrt(n) * std * rms(sigmoid') changes with the width?"
    ),
    "nb03.backward_gain_width400.inverse": (
        "a gain is the factor the gradient's spread is multiplied by at each step back "
        "(below 1 when it shrinks), not how many times it shrinks."
    ),
    "nb03.backward_gain_width400.no_slope": (
        "include the sigmoid's slope: rms(sigmoid') is about 1/4 here, not 1."
    ),
    "nb03.backward_gain_width400.hint": (
        "use g = sqrt(n) * std * rms(sigmoid') with n = {width}, or measure "
        "il.run_experiment(std=0.01, width={width}).gains(); a gain is a factor "
        "such as 0.5, not a percentage."
    ),
    "nb03.backward_gain_width400.right": (
        "the measured gain is {truth:.4f} per layer, as sqrt({width}) * 0.01 * 0.25 = "
        "{predicted:.3f} predicts: four times the width, twice "
        "the gain, since the gradient adds up n terms on its way back."
    ),
    # check_distinct_values_exp2: how many values a layer-5 unit takes over 1000 inputs
    "nb03.distinct_values_exp2.unreadable": "give one number, a count of values.",
    "nb03.distinct_values_exp2.right": (
        "about {truth:.1f} values for 1000 different inputs (layer 1: {first:.0f}); what "
        "a layer-5 unit still knows about its input has been rounded away by float32."
    ),
    "nb03.distinct_values_exp2.reconsider": (
        "run distinct_values(trace.activations[4]) on the experiment-2 trace "
        "(il.run_experiment(std=0.01)); index 4 is layer 5."
    ),
    # check_std_for_unit_gain: a weight std with a per-layer gradient gain in [0.8, 1.25]
    "nb03.std_for_unit_gain.unreadable": (
        "give the weights' standard deviation as a number > 0, e.g. 0.3."
    ),
    "nb03.std_for_unit_gain.right": (
        "at std {std:g} the gradient changes by {gain:.2f} per layer. rms(sigmoid') is "
        "{rms:.3f} here, not 0.25: larger weights push z out of the sigmoid's steep middle "
        "({saturated:.0%} of layer 5 saturated), so std must be larger than "
        "1 / (sqrt(n) * 0.25) suggests."
    ),
    "nb03.std_for_unit_gain.raise": (
        "at std {std:g} the measured gain is {gain:.2f} per layer (wanted 0.8 to 1.25); raise std."
    ),
    "nb03.std_for_unit_gain.lower": (
        "at std {std:g} the measured gain is {gain:.2f} per layer (wanted 0.8 to 1.25); lower std."
    ),
    # ---- exercises/nb04.py: Xavier/Glorot initialisation -------------------------------
    # check_xavier_std: xavier_normal's std for 100 inputs and 300 outputs
    "nb04.xavier_std.unreadable": "give one number > 0, a standard deviation.",
    "nb04.xavier_std.variance": "that is a variance; a standard deviation is its square root.",
    "nb04.xavier_std.fan_in": (
        "that is 1 / sqrt(n_in), the forward rule alone: Xavier counts the fan-out too."
    ),
    "nb04.xavier_std.fan_out": (
        "that is 1 / sqrt(n_out), the backward rule alone: Xavier counts both fans."
    ),
    "nb04.xavier_std.hint": (
        "use Xavier's variance from section 1, in terms of n_in and n_out, or measure "
        "the std of the weights il.init_weights(..., 'xavier_normal') draws."
    ),
    "nb04.xavier_std.right": (
        "the weights' measured std is {truth:.4f}, sqrt(2 / ({n_in} + {n_out})) = "
        "{predicted:.4f}: the fan-in and the fan-out both count."
    ),
    # check_xavier_sigmoid_thousandfold: steps back until the gradient is 1/1000 of the top's
    "nb04.xavier_sigmoid_thousandfold.unreadable": (
        "give a whole number of layers (steps back from layer 20)."
    ),
    "nb04.xavier_sigmoid_thousandfold.layer_number": (
        "that is the layer's number; count the steps back from layer 20 instead."
    ),
    "nb04.xavier_sigmoid_thousandfold.hint": (
        "after k steps back the gradient's spread is about g^k times layer 20's, with g "
        "the gain measured in section 3: find the first k with g^k < 1/1000, then check "
        "with il.run_experiment(scheme='xavier_normal', depth={depth})"
        ".stats()."
    ),
    "nb04.xavier_sigmoid_thousandfold.right": (
        "{truth} layers back (layer {layer}) the gradient's spread is "
        "below a thousandth of layer 20's: at a gain of {gain:.3f} per layer, "
        "{gain:.3f}^{truth} = {below:.1e} but {gain:.3f}^{fewer} = {above:.1e}."
    ),
    # check_tanh_unit_variance_gain: the gain g with g^2 E[tanh(z)^2] = 1
    "nb04.tanh_unit_variance_gain.unreadable": "give one number, the gain g.",
    "nb04.tanh_unit_variance_gain.pytorch": (
        "{pytorch:.3f} (5/3) is PyTorch's rounder, slightly larger choice; compute "
        "1 / sqrt(E[tanh(z)^2]) with z = torch.randn(1_000_000)."
    ),
    "nb04.tanh_unit_variance_gain.right": (
        "g = 1 / sqrt(E[tanh(z)^2]) = {truth:.3f}, a little below PyTorch's 5/3 = {pytorch:.3f}."
    ),
    "nb04.tanh_unit_variance_gain.reconsider": (
        "compute E[tanh(z)^2] for z = torch.randn(1_000_000), then 1 / its square root."
    ),
    # ---- exercises/nb05.py: He/Kaiming initialisation for ReLU -------------------------
    # check_relu_second_moment_ratio: E[h_1^2] / Var(z_1) under ReLU and He
    "nb05.relu_second_moment_ratio.right": (
        "the measured ratio is {truth:.3f}: ReLU keeps z^2 on the positive half and zeroes "
        "the other, so E[relu(z)^2] = Var(z) / 2."
    ),
    "nb05.relu_second_moment_ratio.reconsider": (
        "divide trace.activations[0].pow(2).mean() by trace.pre_activations[0].var(); "
        "think about which half of a symmetric z survives ReLU."
    ),
    # check_he_over_xavier_depth30: layer 30's rms under He over that under Xavier
    "nb05.he_over_xavier_depth30.second_moments": (
        "that is the ratio of second moments, E[h^2]; the rms is its square root."
    ),
    "nb05.he_over_xavier_depth30.one_layer_short": (
        "count the layers again: layer 1's weights are scaled by 1/sqrt(2) too."
    ),
    "nb05.he_over_xavier_depth30.hint": (
        "each layer's weights differ by a factor sqrt(2), and relu(c z) = c relu(z)."
    ),
    "nb05.he_over_xavier_depth30.right": (
        "the measured ratio is {truth:.0f} = sqrt(2)^30 = 2^15: one factor sqrt(2) per layer."
    ),
    # check_leaky_relu_gain: He's gain for a leaky ReLU of slope 0.2
    "nb05.leaky_relu_gain.right": (
        "sqrt(2 / (1 + 0.2^2)) = {truth:.4f}, as calculate_gain('leaky_relu', 0.2) returns."
    ),
    "nb05.leaky_relu_gain.reconsider": (
        "E[phi(z)^2] = (1 + a^2) / 2 * Var(z) for slope a; the gain is 1 / sqrt of that factor."
    ),
    # ---- exercises/nb06.py: the playground ----------------------------------------------
    # check_tanh_steady_std: a std that keeps tanh's spread over 10 layers, unsaturated;
    # `measured` (no full stop) opens each of the three verdicts after it
    "nb06.tanh_steady_std.unreadable": "give the std as a number between 0 and 10, such as 0.1.",
    "nb06.tanh_steady_std.measured": (
        "at std {std:g}, layer 10's spread is {ratio:.2f} times layer 1's and "
        "{saturated:.0%} of its activations are saturated"
    ),
    "nb06.tanh_steady_std.right": (
        "{measured}: a steady spread that does not come from saturation."
    ),
    "nb06.tanh_steady_std.not_steady": (
        "{measured}; the spread is not held: aim for sqrt(n) * std a little above 1."
    ),
    "nb06.tanh_steady_std.pinned": (
        "{measured}; the spread holds only because the units are pinned at -1 and 1: go smaller."
    ),
    # check_selu_scheme: a scheme that keeps SELU self-normalising for 20 layers
    "nb06.selu_scheme.right": (
        "under {scheme}, layer 20 has mean {mean:.2f} and std {std:.2f}: "
        "SELU's self-normalising fixed point (Klambauer et al. 2017) needs Var(W) = 1/n."
    ),
    "nb06.selu_scheme.reconsider": (
        "under {scheme}, layer 20 has mean {mean:.2g} and std {std:.2g}."
    ),
    # check_linear_vanishing_depth: the first layer of a linear net with std below 1e-3
    "nb06.linear_vanishing_depth.unreadable": "give a whole layer number, such as 5.",
    "nb06.linear_vanishing_depth.right": (
        "layer {truth}: each layer multiplies the spread by sqrt(100) * 0.05 = 0.5, "
        "and 0.5^10 is about 1e-3."
    ),
    "nb06.linear_vanishing_depth.reconsider": (
        "each layer multiplies the spread by sqrt(n) * std; how many such factors reach 1e-3?"
    ),
    # ---- exercises/nb07.py: training consequences ---------------------------------------
    # check_deep_relu_winner: Xavier or He for a 30-layer ReLU network;
    # `others` lists the other schemes with their final losses ("xavier_normal 2.30")
    "nb07.deep_relu_winner.unreadable": "answer 'xavier_normal' or 'he_normal'.",
    "nb07.deep_relu_winner.right": (
        "{truth}: final loss {loss:.2f} against {others}. "
        "Xavier halves the signal's second moment at every ReLU layer."
    ),
    "nb07.deep_relu_winner.reconsider": "think of what ReLU does to half the units.",
    # check_sigmoid_sgd_best: the start that trains the blog's sigmoid network best
    "nb07.sigmoid_sgd_best.right": (
        "{truth} (final loss {loss:.2f}): its backward gain per layer is near 1, "
        "the others' far below."
    ),
    "nb07.sigmoid_sgd_best.reconsider": (
        "under {answer} the final loss was {loss:.2f} (chance is 2.30), and "
        "another initialisation did better. Which one keeps both the per-unit spread and "
        "the backward gain of notebooks 02 to 04 near 1 for sigmoid?"
    ),
    # ---- exercises/nb08.py: theory you can touch ----------------------------------------
    # check_sigmoid_backward_sigma_w2: the sigma_w2 where sigmoid's backward gain is 1
    "nb08.sigmoid_backward_sigma_w2.forward": (
        "{forward:.2f} is where the forward gain (solid line) is 1; the question asks "
        "for the backward one (dashed)."
    ),
    "nb08.sigmoid_backward_sigma_w2.std": (
        "that is a standard deviation; sigma_w2 = n Var(W) is its square."
    ),
    "nb08.sigmoid_backward_sigma_w2.hint": (
        "find where the dashed (backward, q = 1) line of the sigmoid panel crosses 1, or "
        "solve il.backward_gain('sigmoid', s, 1.0) = 1 for s."
    ),
    "nb08.sigmoid_backward_sigma_w2.right": (
        "sigma_w2 = {truth:.1f}: sqrt(sigma_w2 E[sigmoid'(z)^2]) = 1 there. The forward "
        "pass wants {forward:.2f}, so whichever you pick, the other direction is off."
    ),
    # check_tanh_he_layer10_std: theory's std of layer 10's tanh activations under He
    "nb08.tanh_he_layer10_std.pre_activation_std": (
        "that is sqrt(q_10), the spread of the pre-activations z; the activations are "
        "tanh(z), whose spread il.predicted_activation_std gives."
    ),
    "nb08.tanh_he_layer10_std.q10": (
        "that is q_10, the pre-activations' second moment; the question asks for the "
        "std of the activations tanh(z)."
    ),
    "nb08.tanh_he_layer10_std.xavier": (
        "that is Xavier's sigma_w2 = 1; he_normal uses ReLU's gain sqrt(2) whatever the "
        "activation: sigma_w2 = 2."
    ),
    "nb08.tanh_he_layer10_std.digits": "close: give two significant digits, such as 0.12.",
    "nb08.tanh_he_layer10_std.hint": (
        "he_normal gives sigma_w2 = 2 (il.scheme_sigma_w2 says so); run the variance "
        "map for 10 layers and turn q_10 into the activations' std: "
        "il.predicted_activation_std(activation, sigma_w2, sigma_b2, depth)."
    ),
    "nb08.tanh_he_layer10_std.right": (
        "{truth:.3f}: q_10 = {q10:.3f}, and tanh(z) with z ~ N(0, q_10) has that std. The "
        "widget of section 1 (tanh, he_normal, depth 10) draws the same black line."
    ),
    # ---- exercises/nb09.py: the edge of chaos and PyTorch's default --------------------
    # check_tanh_edge_of_chaos: tanh's critical sigma_w2 at sigma_b2 = 0.05;
    # `side` (ordered or chaotic) completes `measured` and `measured_digits`
    "nb09.tanh_edge_of_chaos.ordered": "below 1: ordered, move right",
    "nb09.tanh_edge_of_chaos.chaotic": "above 1: chaotic, move left",
    "nb09.tanh_edge_of_chaos.measured": "at sigma_w2 = {x:g}, chi1 = {chi1:.4f}; {side}.",
    "nb09.tanh_edge_of_chaos.measured_digits": (
        "at sigma_w2 = {x:g}, chi1 = {chi1:.4f}; {side} (give three significant digits)."
    ),
    "nb09.tanh_edge_of_chaos.hint": (
        "set sigma_b2 to 0.05 in the phase widget and move sigma_w2 until chi1 reads 1."
    ),
    "nb09.tanh_edge_of_chaos.right": (
        "sigma_w2 = {truth:.3f}: there chi1 = 1, the depth scale is infinite and the "
        "gradient keeps its size through every layer."
    ),
    # check_trainable_depth_point_c: the deepest trainable network at point C, 6 xi_c
    "nb09.trainable_depth_point_c.gradients_scale": (
        "6 / |ln chi1| = {six_xi:.1f} uses the gradients' depth scale; the bound uses the "
        "correlations' one, xi_c (il.correlation_depth_scale)."
    ),
    "nb09.trainable_depth_point_c.one_scale": (
        "that is one depth scale; the bound allows about 6 of them."
    ),
    "nb09.trainable_depth_point_c.hint": (
        "compute xi_c at sigma_w2 = 3, sigma_b2 = 0.05 and multiply by 6."
    ),
    "nb09.trainable_depth_point_c.right": (
        "6 xi_c = {truth:.1f} layers, with xi_c = {xi_c:.2f}. Counted with the gradients' "
        "depth scale it would be {six_xi:.1f}: in the chaotic phase the two differ."
    ),
    # check_pytorch_default_sigma_w2: n_in Var(W) of a fresh torch.nn.Linear(1000, 1000)
    "nb09.pytorch_default_sigma_w2.variance": (
        "that is Var(W) itself; sigma_w2 = n Var(W) multiplies it by n_in = 1000."
    ),
    "nb09.pytorch_default_sigma_w2.std": (
        "that is sqrt(n) std(W); sigma_w2 = n Var(W) is its square."
    ),
    "nb09.pytorch_default_sigma_w2.hint": (
        "make torch.nn.Linear(1000, 1000) and compute 1000 * layer.weight.var(); "
        "give the number n Var(W)."
    ),
    "nb09.pytorch_default_sigma_w2.right": (
        "n Var(W) = {truth:.3f}, i.e. 1/3: U(-1/sqrt(n), 1/sqrt(n)) has variance 1/(3n). "
        "Deep tanh or ReLU networks shrink their signal at every layer with it."
    ),
    # ---- exercises/nb10.py: reading the update-to-data ratio while a network trains -----
    # check_first_step_ratio: layer 1's ratio after one plain-SGD step, by hand
    "nb10.first_step_ratio.unreadable": "enter one number, the log10 of the ratio, such as -2.5.",
    "nb10.first_step_ratio.rule_of_thumb": (
        "-3 is the rule of thumb, not this layer's measured value: compute it from the "
        "gradient, log10(lr * std(grad) / std(W before the step)), to three decimals."
    ),
    "nb10.first_step_ratio.natural_log": (
        "that looks like the natural log; the ratio is on a log10 scale."
    ),
    "nb10.first_step_ratio.learning_rate": (
        "multiply the gradient by the learning rate ({lr:g}): SGD's step is lr * dL/dW."
    ),
    "nb10.first_step_ratio.no_log": "that is the ratio itself; take its log10.",
    "nb10.first_step_ratio.digits": "close: give three decimals, such as -2.513.",
    "nb10.first_step_ratio.hint": (
        "clone layer 1's weights before trainer.step(1); after it, the gradient that step "
        "used is in .weight.grad. Then compute log10(lr * std(grad) / std(W before)), to "
        "three decimals."
    ),
    "nb10.first_step_ratio.right": (
        "{truth:.3f}: a step moves layer 1's weights by 10^({truth:.3f}) of their size. The "
        "rule of thumb's {rule:g} is a round number from practice; this one is measured."
    ),
    # check_lowest_ratio_layer: the sigmoid network under N(0, 0.01^2), steps 1-10
    "nb10.lowest_ratio_layer.unreadable": "answer a layer number from 1 to 5.",
    "nb10.lowest_ratio_layer.right": (
        "layer {truth}: its ratio is 10^{ratio:.1f}, the last layer's 10^{last:.1f}: the "
        "gradient loses most of its size at every layer on the way down."
    ),
    "nb10.lowest_ratio_layer.reconsider": (
        "layer {layer}'s ratio is 10^{ratio:.1f}. Where does a gradient that loses most of "
        "its size at every layer arrive smallest?"
    ),
    # check_adam_first_ratio: layer 1's ratio after Adam's first step, ReLU-30 under Xavier
    "nb10.adam_first_ratio.unreadable": "enter one number, the log10 of the ratio, such as -2.5.",
    "nb10.adam_first_ratio.sgd": (
        "that is plain SGD's ratio. Adam divides the gradient by its own size: what is left "
        "of g / (|g| + eps) on the first step?"
    ),
    "nb10.adam_first_ratio.natural_log": (
        "that looks like the natural log; the ratio is on a log10 scale."
    ),
    "nb10.adam_first_ratio.predicted": (
        "{predicted:.2f} is the prediction log10(lr / std(W)); the question asks for the "
        "measured ratio. Make one Adam step and compute log10(std(W after - W before) / "
        "std(W before)): it comes out below the prediction."
    ),
    "nb10.adam_first_ratio.ten_steps": (
        "the table's medians over the first ten steps lie between {low:.2f} and {high:.2f}; "
        "the question is about the first step alone. Make one Adam step and measure it."
    ),
    "nb10.adam_first_ratio.hint": (
        "predict log10(lr / std(W)) with std(W) = sqrt(2 / (64 + 100)), then measure: keep a "
        "copy of layer 1's weights, run trainer.step(1) and compute "
        "log10(std(W after - W before) / std(W before))."
    ),
    "nb10.adam_first_ratio.right": (
        "measured {truth:.2f}, {gap:.3f} below the prediction log10(lr / std(W)) = "
        "{predicted:.2f}. The weights whose gradient is exactly 0, those of the {blank} "
        "pixels blank in every training digit, do not move: {zeros:.3f} of the gap. The rest, "
        "{eps:.3f}, is Adam's eps: layer 1's gradients are small (median |g| {median:.1e}, "
        "about ten times eps = 1e-8), so g / (|g| + eps) moves many weights by less than lr. "
        "Plain SGD's first step: {sgd:.1f}."
    ),
    # ---- exercises/nb11.py: residual connections and normalisation --------------------
    # the hint for an answer that is not one number (checks 1 and 3)
    "nb11.unreadable": 'give one number, such as 0.5 or the string "1/2".',
    # check_prenorm_variance_step: the variance one pre-norm block (ReLU, He) adds
    "nb11.prenorm_variance_step.right": (
        "{truth:.4f} = 1 - 1/pi: the branch reads a normalised input (second moment 1), "
        "so W gives it variance 2 and ReLU keeps half the square, 1, minus its mean squared, 1/pi."
    ),
    "nb11.prenorm_variance_step.second_moment": (
        "1 is E[r^2], the second moment of the branch's output; its variance subtracts the "
        "mean squared, E[r]^2."
    ),
    "nb11.prenorm_variance_step.pre_activation": (
        "2 is the variance of the branch's pre-activation, sigma_w2 times the input's second "
        "moment 1; the block adds the variance of ReLU of it."
    ),
    "nb11.prenorm_variance_step.unit_variance": (
        "that is the variance of relu(z) for z ~ N(0, 1); under He the branch's "
        "pre-activation has variance sigma_w2 = 2."
    ),
    "nb11.prenorm_variance_step.mean_squared": (
        "1/pi is the mean squared, E[r]^2; the variance is E[r^2] minus it."
    ),
    "nb11.prenorm_variance_step.digits": "close: give three significant digits.",
    "nb11.prenorm_variance_step.hint": (
        "the branch's input has second moment 1 whatever the stream's size. Its pre-activation "
        "is N(0, sigma_w2); what is the variance (not the second moment) of ReLU of that?"
    ),
    # check_prenorm_depth_for_std: the first block after which the std is at least 10
    "nb11.prenorm_depth_for_std.unreadable": "give a whole number of blocks, such as 20.",
    "nb11.prenorm_depth_for_std.right": (
        "{truth} blocks: the variance grows by the same {step:.4f} each block, and after "
        "{truth} blocks it is {var:.2f}, the first value of at least 100."
    ),
    "nb11.prenorm_depth_for_std.short": (
        "after {n} blocks the variance is {var:.2f} and the std {std:.4f}: still below 10."
    ),
    "nb11.prenorm_depth_for_std.late": (
        "the std passes 10 before block {n}: after {prev} blocks it is already {std:.4f}. "
        "Did the variance start at 0? The stream's starts at 1."
    ),
    "nb11.prenorm_depth_for_std.second_moment": (
        "each block adds the branch's variance, 1 - 1/pi (exercise 1), not its second moment 1."
    ),
    "nb11.prenorm_depth_for_std.std_steps": (
        "the variance, not the std, grows by a constant per block: the std has to reach 10, "
        "so the variance has to reach 100."
    ),
    "nb11.prenorm_depth_for_std.hint": (
        "the variance, not the std, grows by a constant per block: how many steps of that "
        "size take it from 1 to 10^2? (Give a whole number of blocks.)"
    ),
    # check_rescaled_step: the factor by which |step| / |W| changes when W is multiplied by 10
    "nb11.rescaled_step.right": (
        "about {truth:.3g}: the output is unchanged, so dL/dW shrinks as 1/10 while W "
        "grew 10-fold; the same learning rate moves W 100 times less, relative to its size."
    ),
    "nb11.rescaled_step.direction": (
        "100 is the size of the change, in the wrong direction: the relative step gets "
        "smaller, so the factor it is multiplied by is below 1."
    ),
    "nb11.rescaled_step.gradient_only": (
        "0.1 is the factor of the gradient |dL/dW|; the relative step divides it by |W|, "
        "which grew 10-fold."
    ),
    "nb11.rescaled_step.hint": (
        "the forward pass does not change, but the gradient does. How does dL/dW scale when "
        "W is multiplied by 10 and the output stays the same? Then divide by |W|."
    ),
    # ---- figures: the words the package's figures draw (plots.py, theory_plots.py,
    # training_plots.py, residual_plots.py, histograms.py, bins.py and the widgets'
    # figures), drawn in the reader's language (i18n.localize). Mathtext ($...$) cannot
    # draw Hangul: the Korean texts write their symbols in Unicode.
    "figure.layer": "layer",
    "figure.layer_n": "layer {layer}",
    "figure.block": "block",
    "figure.block_n": "block {block}",
    "figure.step_n": "step {step}",
    "figure.training_step": "training step",
    "figure.measured": "measured",
    "figure.theory": "theory",
    "figure.stat.std": "std of activations",
    "figure.stat.rms": "rms of activations, sqrt(E[h²])",
    "figure.stat.pre_std": "std of pre-activations z",
    "figure.stat.unit_std": "per-unit std across samples",
    "figure.stat.grad_std": "std of gradients dL/dh",
    "figure.stat.frac_saturated": "fraction saturated",
    "figure.stat.frac_dead": "fraction exactly 0",
    "figure.stat.mean": "mean of activations",
    "figure.grid.act_xlabel": "activation value",
    "figure.grid.act_ylabel": "{activation} activations\nfraction of values",
    "figure.grid.grad_ylabel": "gradients\nfraction of values",
    "figure.grid.predicted": "black line: predicted by theory",
    "figure.grid.overflow": "not finite\n(overflow)",
    "figure.grid.saturated": "saturated {share:.0%}",
    "figure.grid.zero": "zero {share:.0%}",
    "figure.grid.not_drawn": " (not drawn)",
    "figure.losses.median_of": "{label} (median of {n})",
    "figure.losses.chance": "chance (ln 10)",
    "figure.losses.ylabel": "training loss (cross-entropy)",
    "figure.gains.forward": "forward, q = {q:g}",
    "figure.gains.backward": "backward, q = {q:g}",
    "figure.phase.ordered": "ordered:\ngradients\nvanish",
    "figure.phase.chaotic": "chaotic:\ngradients\nexplode",
    "figure.phase.title": "{activation}: depth scale ξ = 1/|ln χ₁|",
    "figure.phase.colorbar": "depth scale ξ (layers)",
    "figure.phase.gradients": "gradients: measured (dots), predicted (line)",
    "figure.gradient_std": "std of dL/dh (gradient)",
    "figure.correlation": "correlation $c_l$ of two inputs",
    "figure.depth_scales.gradients": "gradients: $1/|\\ln\\chi_1|$",
    "figure.depth_scales.correlations": "correlations: $\\xi_c$",
    "figure.depth_scales.ylabel": "depth scale (layers)",
    "figure.singular.xlabel": "rank / width",
    "figure.singular.ylabel": "singular value of J",
    "figure.ratio": "log10 update / weights",
    "figure.ratio.steps": "{ratio}, steps {first}-{last}",
    "figure.rule_of_thumb": "rule of thumb: ~1e-3",
    "figure.stream.std": "std of the stream",
    "figure.stream.block": "block (layer for the plain MLP)",
    "figure.stream.ylabel": "the stream\nfraction of values",
    "figure.stream.xlabel": "stream value",
    "figure.stream.after_block": "std of the stream after each block",
    "figure.stream.gradient": "std of the gradient dL/dx at each block",
    "figure.rescaling.output_change": "output change",
    "figure.rescaling.grad_ratio": "|dL/dW| ratio",
    "figure.rescaling.step_ratio": "|step| / |W| ratio",
    "figure.rescaling.ylabel": "relative to W x 1",
    "figure.train.title": "loss on the digits, live",
    "figure.train.run": "{activation}, {scheme}{std}, depth {depth}, {optimizer}",
    "figure.scrub.title": "loss and per-layer update / weights",
    # ---- widgets: the live explorers (widgets/base.py, explorer.py, theory.py, chaos.py,
    # train.py); looked up when a widget is built or a message made. Registry keys
    # (scheme, activation, optimizer names) and maths stay as they are.
    # the controls' descriptions (base.shared_label)
    "widgets.label.std": "std",
    "widgets.label.depth": "depth",
    "widgets.label.width": "width",
    "widgets.label.activation": "activation",
    "widgets.label.scheme": "init",
    "widgets.label.seed": "seed",
    "widgets.label.optimizer": "optimizer",
    "widgets.label.lr": "lr",
    "widgets.label.steps": "steps",
    # the message line (base.message_html) and a typed value outside a slider's range
    "widgets.message.error": "Error: {message}",
    "widgets.message.warning": "Warning: {message}",
    "widgets.out_of_range": (
        "{name} must be between {lo:g} and {hi:g} here ({where}), got {value:g}"
    ),
    "widgets.where.slider": "the slider's range",
    "widgets.where.diagram": "the diagram's range",
    # explore()
    "widgets.explore.overflowed": (
        "Layers {first}-{last} overflowed: their values are no longer finite numbers. "
        "The weights are too large for this depth; lower std or depth."
    ),
    "widgets.explore.own_scale": "The {scheme} scheme sets its own scale; std is not used.",
    # explore_theory(): the readout under the sliders
    "widgets.theory.no_prediction": "No prediction: {error}",
    "widgets.theory.no_sigma_w2": "No prediction: scheme '{scheme}' has no sigma_w2: {why}",
    "widgets.theory.why.zeros": (
        "every weight is 0, so there is no random sum for the theory to describe"
    ),
    "widgets.theory.why.constant": (
        "every weight is the same number, so there is no random sum to describe"
    ),
    "widgets.theory.spread": (
        "Layer {layer}: spread of all values {spread}, of one unit across the inputs {unit_spread}."
    ),
    "widgets.theory.overflowed": (
        "Layer {layer} overflowed: its values are no longer finite numbers."
    ),
    "widgets.theory.lsuv": "lsuv: every layer rescaled to Var(z) = 1, so q_l = 1.",
    "widgets.theory.largest_gap": (
        "Largest gap: layer {layer}, predicted std {predicted}, measured {measured} ({gap:+.0%})."
    ),
    # explore_phase(): the readout; `phase` is one of edge, ordered, chaotic and
    # `trainable` one of any_depth, at_most
    "widgets.phase.edge": "at the edge of chaos: gradients keep their size",
    "widgets.phase.ordered": "ordered: gradients shrink e-fold every {xi:.1f} layers",
    "widgets.phase.chaotic": "chaotic: gradients grow e-fold every {xi:.1f} layers",
    "widgets.phase.any_depth": "any depth",
    "widgets.phase.at_most": "about 6 ξ_c = {layers:.0f} layers at most",
    "widgets.phase.readout": (
        "χ₁ = {chi1:.3f}, {phase}. q* = {q:.3g}. Correlation depth scale ξ_c = {xi_c:.3g}: "
        "trainable to {trainable}. Gradient std at layer 1 / at layer {depth}: measured "
        "{ratio}."
    ),
    # train_explorer(); `stopped` (stopped_early or nothing) completes "Done"
    "widgets.train.train": "Train",
    "widgets.train.stop": "Stop",
    "widgets.train.clear": "Clear curves",
    "widgets.train.progress": "step {step}",
    "widgets.train.diverged": (
        "The loss stopped being a finite number (the run diverged): lower the learning "
        "rate or the weight scale."
    ),
    "widgets.train.stopped_early": " (stopped early)",
    "widgets.train.done": (
        "Done{stopped}: over the last 50 steps, loss {loss:.3f} (chance is {chance:.3f}) "
        "and test accuracy {accuracy:.1%}. One seed: a single deep run can land well away "
        "from the ranges over seeds that notebook 07 shows."
    ),
    # ---- widgets.scrub: scrub_training(), the step slider through a recorded run -------
    "widgets.scrub.train": "Train",
    "widgets.scrub.stop": "Stop",
    "widgets.scrub.step": "step",
    "widgets.scrub.progress": "step {step}",
    "widgets.scrub.ready": (
        "Step 0 of this network is shown. Press Train: the run keeps every layer's "
        "activations and gradients at steps {steps}; then move the step slider."
    ),
    "widgets.scrub.done": (
        "Done: kept at steps {steps}. Move the step slider: the histograms are those "
        "recorded during the run, and the dashed line marks the step on the loss and on "
        "the update-to-data ratios (the green band is the rule of thumb, not a law)."
    ),
    "widgets.scrub.stopped": (
        "Stopped at step {step}: kept at steps {steps}. Move the step slider to see them."
    ),
    "widgets.scrub.diverged": (
        "The loss stopped being a finite number at step {step} (the run diverged): lower "
        "the weight scale or change the optimizer. The steps kept before that stay."
    ),
    # ---- widgets.residual: explore_residual(), notebook 11's residual stream ---------
    "widgets.residual.alpha": "α",
    "widgets.residual.inv_sqrt": "α = 1/√L",
    "widgets.residual.depth": "depth",
    "widgets.residual.width": "width",
    "widgets.residual.norm": "norm",
    "widgets.residual.norm_none": "none",
    "widgets.residual.norm_layer": "layer norm",
    "widgets.residual.norm_batch": "batch norm",
    "widgets.residual.zero_init": "zero-init gates",
    "widgets.residual.seed": "seed",
    "widgets.residual.readout": (
        "Block {block}: the stream's std is {measured} measured, {predicted} predicted by "
        "theory (measured / predicted = {ratio})."
    ),
    "widgets.residual.readout_overflow": (
        "Block {block}: the stream overflowed (its values are no longer finite numbers); "
        "theory predicts std {predicted}."
    ),
    "widgets.residual.identity": (
        "Zero-init gates: every block starts as the identity, so the stream stays its input "
        "and theory predicts std 1 at every block."
    ),
    "widgets.residual.alpha_rule": "α = 1/√{depth} = {alpha}.",
    "widgets.residual.overflow": (
        "Blocks {first}-{last} overflowed: the stream is no longer a finite number. Lower α "
        "or the depth, or choose a norm."
    ),
}
